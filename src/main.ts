#!/usr/bin/env node
/** Process entry: wires the CLI to the HTTP adapter; the CLI decides what this process is. */
import { runCli } from "./cli/index.js";

process.exitCode = await runCli(process.argv.slice(2), async (desk, opts) => {
  // Loaded only when serving: other commands do not pay for the HTTP stack.
  const { buildServer } = await import("./http/server.js");
  const { port, host, ...serverOptions } = opts;
  const app = await buildServer({ desk, ...serverOptions });
  await app.listen({ port, host });
  return {
    close: () => app.close(),
    log: (msg, extra) => app.log.info(extra, msg),
  };
});
