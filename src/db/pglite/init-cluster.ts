/**
 * `node init-cluster.js <dir>`: creates a PGlite cluster (initdb) and exits.
 * Run as a child process so initdb's ~500 MB of WebAssembly memory is returned
 * to the system when it exits, instead of staying in the server's heap.
 */
import { PGlite } from "@electric-sql/pglite";

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: init-cluster <data dir>\n");
  process.exit(2);
}
const db = await PGlite.create({ dataDir: dir });
await db.close();
