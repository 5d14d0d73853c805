import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tstz, workspaceId } from "./columns.js";
import { workspaces } from "./people.js";

/** Sign-in credentials of a person (agent or customer) in a workspace. */
export const logins = pgTable(
  "logins",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    personType: text("person_type").notNull(),
    personId: uuid("person_id").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash"),
    /** TOTP secret, encrypted with the instance key (AES-256-GCM). */
    mfaSecret: text("mfa_secret"),
    mfaEnabledAt: tstz("mfa_enabled_at"),
    /** The last TOTP time step accepted: a code is never accepted twice (RFC 6238 §5.2). */
    mfaLastStep: integer("mfa_last_step"),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: tstz("locked_until"),
    lastLoginAt: tstz("last_login_at"),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("logins_ws_email").on(t.workspaceId, t.email),
    uniqueIndex("logins_person").on(t.personType, t.personId),
    check("logins_person_type", sql`${t.personType} in ('agent','customer')`),
  ],
);

/** Server-side sessions; the cookie carries a random token, the table its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    loginId: uuid("login_id")
      .notNull()
      .references(() => logins.id),
    workspaceId: workspaceId().references(() => workspaces.id),
    csrfToken: text("csrf_token").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: tstz("created_at").notNull(),
    lastSeenAt: tstz("last_seen_at").notNull(),
    expiresAt: tstz("expires_at").notNull(),
  },
  (t) => [index("sessions_login").on(t.loginId)],
);

/** Personal API tokens: shown once, stored hashed. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    loginId: uuid("login_id")
      .notNull()
      .references(() => logins.id),
    workspaceId: workspaceId().references(() => workspaces.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters, so people can tell their tokens apart. */
    prefix: text("prefix").notNull(),
    scope: text("scope").notNull(),
    createdAt: tstz("created_at").notNull(),
    lastUsedAt: tstz("last_used_at"),
    expiresAt: tstz("expires_at"),
    revokedAt: tstz("revoked_at"),
  },
  (t) => [index("api_tokens_login").on(t.loginId), check("api_tokens_scope", sql`${t.scope} in ('read','write')`)],
);

export const passwordResets = pgTable("password_resets", {
  tokenHash: text("token_hash").primaryKey(),
  loginId: uuid("login_id")
    .notNull()
    .references(() => logins.id),
  createdAt: tstz("created_at").notNull(),
  expiresAt: tstz("expires_at").notNull(),
  usedAt: tstz("used_at"),
});

export const mfaRecoveryCodes = pgTable(
  "mfa_recovery_codes",
  {
    loginId: uuid("login_id")
      .notNull()
      .references(() => logins.id),
    codeHash: text("code_hash").notNull(),
    usedAt: tstz("used_at"),
  },
  (t) => [primaryKey({ columns: [t.loginId, t.codeHash] })],
);

/** Append-only record of security-relevant actions (a trigger refuses updates and deletes). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id").references(() => workspaces.id),
    actor: jsonb("actor").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    outcome: text("outcome").notNull().default("ok"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    details: jsonb("details").notNull().default({}),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    index("audit_ws_time").on(t.workspaceId, t.createdAt),
    index("audit_action").on(t.action, t.createdAt),
    check("audit_outcome", sql`${t.outcome} in ('ok','denied','failed')`),
  ],
);
