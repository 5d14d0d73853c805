/**
 * The only reader of process.env. Validates and types configuration once at
 * boot; any variable may instead be read from a file named by `<NAME>_FILE`
 * (Docker/Kubernetes secrets). Secrets are masked in `describeConfig`.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  HELPLINE_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  HELPLINE_WORKSPACE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lowercase letters, digits and dashes")
    .default("default"),
  HELPLINE_WORKSPACE_NAME: z.string().min(1).default("Helpline"),
  /** Apply pending migrations when `helpline start`/`worker` boots (advisory-locked on PostgreSQL). */
  HELPLINE_MIGRATE_ON_START: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function withFiles(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const file = env[`${key}_FILE`];
    if (file) {
      try {
        out[key] = readFileSync(file, "utf8").trim();
      } catch (err) {
        throw new ConfigError([`${key}_FILE: cannot read ${file} (${(err as Error).message})`]);
      }
    } else if (env[key] !== undefined && env[key] !== "") {
      out[key] = env[key];
    }
  }
  return out;
}

/** Reads the environment (plus explicit overrides, e.g. CLI flags) into a validated Config. */
export function loadConfig(overrides: Partial<Record<keyof Config, string>> = {}, env = process.env): Config {
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const [k, v] of Object.entries(overrides)) {
    if (v !== undefined) {
      merged[k] = v;
      delete merged[`${k}_FILE`];
    }
  }
  const parsed = schema.safeParse(withFiles(merged));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  return parsed.data;
}

/** Configuration with secrets masked, for logs and `helpline config`. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    DATABASE_URL: config.DATABASE_URL?.replace(/:\/\/([^:@/]+):[^@/]*@/, "://$1:****@"),
  };
}

/** The database options this configuration selects. */
export function databaseOptions(config: Config): { url: string; poolSize: number } | { dataDir: string } {
  return config.DATABASE_URL
    ? { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }
    : { dataDir: config.HELPLINE_DATA_DIR };
}
