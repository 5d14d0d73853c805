#!/usr/bin/env node
// The `helpline` command. Runs the compiled code (npm ci builds it).
import { existsSync } from "node:fs";

const entry = new URL("../dist/src/main.js", import.meta.url);
if (!existsSync(entry)) {
  console.error("Helpline is not built yet: run `npm run build` (npm ci does it for you).");
  process.exit(1);
}
await import(entry.href);
