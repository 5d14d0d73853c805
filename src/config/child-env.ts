/**
 * The environment for another Helpline process started by this one (the bench's
 * server): this process's environment, with `settings` winning over both the
 * variable and its `<NAME>_FILE`, and `unset` settings removed.
 */
import type { Config } from "./index.js";

type Name = keyof Config;

export function childProcessEnv(
  settings: Partial<Record<Name, string>>,
  unset: readonly Name[] = [],
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const key of [...Object.keys(settings), ...unset]) {
    delete out[key];
    delete out[`${key}_FILE`];
  }
  for (const [key, value] of Object.entries(settings)) if (value !== undefined) out[key] = value;
  return out;
}
