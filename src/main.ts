#!/usr/bin/env node
/** Process entry: wires the CLI to the HTTP adapter; the CLI decides what this process is. */
import { runCli } from "./cli/index.js";

process.exitCode = await runCli(process.argv.slice(2), async (desk, opts) => {
  // Loaded only when serving: other commands do not pay for the HTTP stack.
  const { buildServer } = await import("./http/server.js");
  const app = await buildServer({ desk, logLevel: opts.logLevel });
  await app.listen({ port: opts.port, host: opts.host });
  return {
    close: () => app.close(),
    log: (msg, extra) => app.log.info(extra, msg),
  };
});
