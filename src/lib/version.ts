import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageJson(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find Helpline's package.json");
    dir = parent;
  }
  return join(dir, "package.json");
}

/** Helpline's version, from its package.json. */
export const VERSION: string = (JSON.parse(readFileSync(findPackageJson(), "utf8")) as { version: string }).version;
