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
  /** Browser origins allowed to call the API cross-origin, comma-separated (default: none). */
  HELPLINE_CORS_ORIGINS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** Trust X-Forwarded-For from a reverse proxy in front of Helpline. */
  HELPLINE_TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Requests per minute per client IP (or per API token) before 429. */
  HELPLINE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  /** Largest accepted request body, in bytes. */
  HELPLINE_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(1024 * 1024),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** 32-byte key that encrypts secrets at rest; unset: `secret.key` in HELPLINE_DATA_DIR (created, mode 0600). */
  HELPLINE_SECRET_KEY: z
    .string()
    .refine(isSecretKey, "must be 32 bytes written as 64 hex digits or base64 (openssl rand -base64 32)")
    .optional(),
  /** With HELPLINE_ADMIN_PASSWORD: the superadmin created at start when the workspace has none. */
  HELPLINE_ADMIN_EMAIL: z.email("must be an email address").optional(),
  /** Slack bot token (xoxb-…): Slack DMs and reminders; unset, Slack is off. */
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  /** Slack app signing secret: verifies POST /api/v1/slack/interactions. */
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  /** Slack Web API base URL (tests point it at a local server). */
  SLACK_API_URL: z.url("must be a URL like https://slack.com/api/").default("https://slack.com/api/"),
  /** Where people reach this desk: the base of links in notifications. */
  HELPLINE_PUBLIC_URL: z.url("must be a URL like https://desk.example.com").default("http://localhost:3000"),
  HELPLINE_ADMIN_PASSWORD: z.string().min(10, "use at least 10 characters").max(200).optional(),
  /** Built-in SMTP receiver (MX for the mailboxes' addresses): off unless a port is set. */
  HELPLINE_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  HELPLINE_SMTP_HOST: z.string().min(1).default("127.0.0.1"),
  /** PEM key and certificate for STARTTLS (usually from HELPLINE_SMTP_TLS_KEY_FILE / _CERT_FILE). */
  HELPLINE_SMTP_TLS_KEY: z
    .string()
    .regex(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "must be a PEM private key")
    .optional(),
  HELPLINE_SMTP_TLS_CERT: z
    .string()
    .regex(/-----BEGIN CERTIFICATE-----/, "must be a PEM certificate")
    .optional(),
  /** Outbound mail server (smtp://user:pass@host:587, smtps://…:465); unset: mail stays queued. */
  HELPLINE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#]+/i, "must be a URL such as smtp://user:password@mail.example.com:587 or smtps://…")
    .optional(),
  /** From address when a workspace sets none and has no mailbox: `support@example.com` or `Support <support@example.com>`. */
  HELPLINE_SMTP_FROM: z
    .string()
    .refine((s) => parseFromAddress(s) !== null, "must be an address such as Support <support@example.com>")
    .optional(),
  /** Largest email accepted at any door (SMTP, IMAP, HTTP), in bytes. */
  HELPLINE_EMAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(25 * 1024 * 1024),
});

/** Names of settings that hold secrets: masked by `describeConfig`. */
const SECRETS = [
  "HELPLINE_SECRET_KEY",
  "HELPLINE_ADMIN_PASSWORD",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "HELPLINE_SMTP_TLS_KEY",
] as const;

function isSecretKey(text: string): boolean {
  const s = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(s)) return true;
  return /^[A-Za-z0-9+/_-]{43}=?$/.test(s) && Buffer.from(s.replace(/=$/, ""), "base64").length === 32;
}

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
  // The email alone is the admin of seed 000's notification matrix; with a password it is also
  // the superadmin created at start. A password alone names nobody.
  if (parsed.data.HELPLINE_ADMIN_PASSWORD && !parsed.data.HELPLINE_ADMIN_EMAIL) {
    throw new ConfigError(["HELPLINE_ADMIN_PASSWORD: set HELPLINE_ADMIN_EMAIL too (the superadmin it is for)"]);
  }
  if (Boolean(parsed.data.HELPLINE_SMTP_TLS_KEY) !== Boolean(parsed.data.HELPLINE_SMTP_TLS_CERT)) {
    throw new ConfigError(["HELPLINE_SMTP_TLS_KEY_FILE and HELPLINE_SMTP_TLS_CERT_FILE: set both, or neither"]);
  }
  return parsed.data;
}

/** Configuration with secrets masked, for logs and `helpline config`. */
export function describeConfig(config: Config): Record<string, unknown> {
  const masked: Record<string, unknown> = {
    ...config,
    DATABASE_URL: config.DATABASE_URL?.replace(/:\/\/([^:@/]+):[^@/]*@/, "://$1:****@"),
    HELPLINE_SMTP_URL: config.HELPLINE_SMTP_URL?.replace(/:\/\/([^:@/]+):[^@/]*@/, "://$1:****@"),
  };
  for (const key of SECRETS) if (config[key] !== undefined) masked[key] = "****";
  return masked;
}

/** Every setting's name, optional ones included. */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof Config)[];

/** The superadmin to create at start, when configured. */
export function bootstrapAdminOption(config: Config): { email: string; password: string } | undefined {
  return config.HELPLINE_ADMIN_EMAIL && config.HELPLINE_ADMIN_PASSWORD
    ? { email: config.HELPLINE_ADMIN_EMAIL, password: config.HELPLINE_ADMIN_PASSWORD }
    : undefined;
}

/** The database options this configuration selects. */
export function databaseOptions(config: Config): { url: string; poolSize: number } | { dataDir: string } {
  return config.DATABASE_URL
    ? { url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }
    : { dataDir: config.HELPLINE_DATA_DIR };
}

/** The built-in SMTP receiver's settings, or undefined when HELPLINE_SMTP_PORT is not set. */
export function smtpReceiverOption(
  config: Config,
): { host: string; port: number; tls?: { key: string; cert: string } } | undefined {
  if (config.HELPLINE_SMTP_PORT === undefined) return undefined;
  const { HELPLINE_SMTP_TLS_KEY: key, HELPLINE_SMTP_TLS_CERT: cert } = config;
  return {
    host: config.HELPLINE_SMTP_HOST,
    port: config.HELPLINE_SMTP_PORT,
    ...(key && cert ? { tls: { key, cert } } : {}),
  };
}

/** `Support <support@example.com>` or `support@example.com` → name and lower-case address; null when unreadable. */
export function parseFromAddress(text: string): { address: string; name: string | null } | null {
  const m =
    /^\s*(?:"?([^"<>]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text) ?? /^\s*()([^<>\s"]+@[^<>\s"]+)\s*$/.exec(text);
  if (!m?.[2]) return null;
  return { address: m[2].toLowerCase(), name: m[1]?.trim() || null };
}

/** Outbound email: the SMTP URL (undefined: outbound is off) and the default From address. */
export function outboundEmailOption(config: Config): {
  smtpUrl: string | undefined;
  defaultFrom: { address: string; name: string | null } | undefined;
} {
  return {
    smtpUrl: config.HELPLINE_SMTP_URL,
    defaultFrom: config.HELPLINE_SMTP_FROM ? (parseFromAddress(config.HELPLINE_SMTP_FROM) ?? undefined) : undefined,
  };
}
