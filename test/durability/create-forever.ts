/**
 * Child process for the crash test: creates tickets as fast as it can and
 * prints `ACK <id>` after each commit returns. The parent kills it with SIGKILL.
 * Usage: node --import tsx create-forever.ts <dataDir | postgres://url>
 */
import { createHelpdesk } from "../../src/lib/index.js";

const target = process.argv[2];
if (!target) throw new Error("usage: create-forever <dataDir|url>");
const desk = await createHelpdesk({
  database: target.startsWith("postgres") ? { url: target } : { dataDir: target },
  migrate: true,
  processName: "crash-test writer",
});
process.stdout.write("READY\n");
for (let i = 0; ; i++) {
  const t = await desk.tickets.create({
    subject: `crash test ${i}`,
    description: `ticket ${i} written before the kill`,
    requester: `crash${i % 7}@example.com`,
  });
  process.stdout.write(`ACK ${t.id}\n`);
}
