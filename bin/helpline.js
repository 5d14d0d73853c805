#!/usr/bin/env node
// The `helpline` command. Runs the compiled code (npm ci builds it).
import { existsSync } from "node:fs";
import { setFlagsFromString } from "node:v8";

// A help desk's main thread allocates little at a time: a small young generation
// keeps the resident size of a team-sized server well under 250 MB.
setFlagsFromString("--max-semi-space-size=2");

const entry = new URL("../dist/src/main.js", import.meta.url);
if (!existsSync(entry)) {
  console.error("Helpline is not built yet: run `npm run build` (npm ci does it for you).");
  process.exit(1);
}
await import(entry.href);
