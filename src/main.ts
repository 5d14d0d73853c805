#!/usr/bin/env node
/** Process entry: the CLI decides what this process is (web + worker, worker only, a command). */
import { runCli } from "./cli/index.js";

process.exitCode = await runCli(process.argv.slice(2));
