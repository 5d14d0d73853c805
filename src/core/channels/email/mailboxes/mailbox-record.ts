/**
 * Mailboxes as the admin commands see them: the input schemas, the Mailbox
 * view (no credentials in it, ever), lookups by id or address, and the team
 * reference. The IMAP password lives sealed in `imap_secret` (context
 * `mailbox:<id>:imap`); the HTTP inbound secret only as its SHA-256.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../../../db/connection.js";
import { mailboxes, teams } from "../../../../db/schema/index.js";
import { type Ctx, DomainError, invalid, isUuid, notFound } from "../../../kernel/index.js";
import { resolveTeam } from "../../../people/index.js";
import { isDeliverableAddress, normalizeAddress } from "../address.js";
import { imapSettingsSchema } from "../imap-settings.js";
import type { ImapSettings } from "../types.js";

export type MailboxRow = typeof mailboxes.$inferSelect;

/** The IMAP settings as read back: everything but the password, and whether one is stored. */
export interface MailboxImapView extends ImapSettings {
  passwordSet: boolean;
}

/** Where the IMAP poller stands with this mailbox. */
export interface MailboxImapState {
  uidValidity: number | null;
  lastUid: number;
  lastPolledAt: Date | null;
  nextPollAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** A mailbox as every read answers it: no password, no secret. */
export interface Mailbox {
  id: string;
  address: string;
  displayName: string | null;
  team: { id: string; name: string } | null;
  enabled: boolean;
  imap: MailboxImapView | null;
  imapState: MailboxImapState;
  /** True when an HTTP inbound secret is set (the secret itself is shown once, when issued). */
  httpInbound: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What add and update answer: the mailbox, and a newly issued HTTP secret (shown this once only). */
export interface MailboxChange {
  mailbox: Mailbox;
  httpSecret: string | null;
}

const host = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(253, "must be at most 253 characters")
  .regex(/^[A-Za-z0-9.:[\]_-]+$/, "must be a host name or an IP address");
const folder = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

/** The IMAP fields a caller may give; all optional here (add checks what a new one needs). */
const imapFields = {
  host: host.describe("IMAP server, e.g. imap.example.com"),
  port: z.number().int().min(1).max(65535).describe("default 993 with tls, 143 without"),
  tls: z.boolean().describe("implicit TLS (993); false uses STARTTLS when offered (default true)"),
  allowSelfSigned: z.boolean().describe("accept a self-signed certificate (test servers; default false)"),
  user: z.string().trim().min(1, "must not be empty").max(320).describe("IMAP login"),
  password: z.string().min(1, "must not be empty").max(1000).describe("stored encrypted; never read back"),
  folder: folder.describe('folder to read (default "INBOX")'),
  afterProcess: z
    .enum(["seen", "move", "delete"])
    .describe("once stored: mark \\Seen (default), move to `moveTo`, or delete"),
  moveTo: folder.nullable().describe("target folder when afterProcess is move"),
  idleSeconds: z.number().int().min(0).max(1740).describe("seconds of IMAP IDLE per poll (0: never idle)"),
  pollMinutes: z.number().int().min(1).max(1440).describe("minutes between polls without IDLE"),
};

export const mailboxImapInput = z.object(imapFields).partial().strict();
export type MailboxImapInput = z.input<typeof mailboxImapInput>;

const address = z
  .string()
  .trim()
  .max(254, "must be at most 254 characters")
  .transform(normalizeAddress)
  .refine(isDeliverableAddress, "must be an email address like support@example.com")
  .refine((a) => !a.slice(0, a.lastIndexOf("@")).includes("+"), {
    message: "must not contain '+' (plus-addresses of the mailbox carry reply tokens)",
  })
  .describe("the address mail is received at (lower-cased; unique on this installation)");

const displayName = z
  .string()
  .trim()
  .max(200, "must be at most 200 characters")
  .nullable()
  .describe("name shown on mail sent from this address");
const team = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200)
  .nullable()
  .describe("team (id or name) new tickets from this address go to");

export const addMailboxInput = z
  .object({
    address,
    displayName: displayName.optional(),
    team: team.optional(),
    imap: mailboxImapInput.optional().describe("poll this mailbox over IMAP"),
    httpSecret: z.boolean().optional().describe("issue a secret for the HTTP inbound door (shown once)"),
    enabled: z.boolean().optional().describe("receive mail now (default true)"),
  })
  .strict();
export type AddMailboxInput = z.input<typeof addMailboxInput>;

export const updateMailboxInput = z
  .object({
    address: address.optional(),
    displayName: displayName.optional(),
    team: team.optional(),
    enabled: z.boolean().optional(),
    imap: mailboxImapInput
      .nullable()
      .optional()
      .describe("changed IMAP fields (the password is kept unless given); null stops polling"),
    httpSecret: z.boolean().optional().describe("false closes the HTTP door; true opens it (a new secret)"),
    rotateSecret: z.boolean().optional().describe("issue a new HTTP inbound secret (the old one stops working)"),
  })
  .strict();
export type UpdateMailboxInput = z.input<typeof updateMailboxInput>;

/**
 * Complete IMAP settings from what is stored and what was given (defaults from
 * `imapSettingsSchema`); refuses what a poll could not use, naming the field.
 * The port follows `tls` (993 or 143) unless given.
 */
export function completeImapSettings(given: MailboxImapInput, stored: ImapSettings | null): ImapSettings {
  const { password: _password, ...fields } = given;
  const merged: Record<string, unknown> = { ...(stored ?? {}) };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) merged[k] = v;
  if (given.port === undefined && (!stored || given.tls !== undefined)) merged.port = merged.tls === false ? 143 : 993;
  if (merged.afterProcess !== undefined && merged.afterProcess !== "move" && given.moveTo === undefined) {
    merged.moveTo = null;
  }
  const parsed = imapSettingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = ["imap", ...(issue?.path.map(String) ?? [])].join(".");
  throw invalid("input.invalid", `${field}: ${issue?.message ?? "invalid"}`, field);
}

/** Stored IMAP settings of a row, or null when it has none (or none a poll could use). */
export function storedImap(row: Pick<MailboxRow, "imap">): ImapSettings | null {
  if (!row.imap || typeof row.imap !== "object") return null;
  const parsed = imapSettingsSchema.safeParse(row.imap);
  return parsed.success ? parsed.data : null;
}

/** The context string that binds a sealed IMAP password to its mailbox. */
export const imapSecretContext = (mailboxId: string) => `mailbox:${mailboxId}:imap`;

/** The Mailbox view of a row: credentials reduced to `passwordSet` and `httpInbound`. */
export function toMailbox(row: MailboxRow, team: { id: string; name: string } | null): Mailbox {
  const imap = storedImap(row);
  return {
    id: row.id,
    address: row.address,
    displayName: row.displayName,
    team,
    enabled: row.enabled,
    imap: imap ? { ...imap, passwordSet: row.imapSecret !== null } : null,
    imapState: {
      uidValidity: row.imapUidValidity,
      lastUid: row.imapLastUid,
      lastPolledAt: row.lastPolledAt,
      nextPollAt: row.imapNextPollAt,
      lastError: row.lastError,
      lastErrorAt: row.lastErrorAt,
    },
    httpInbound: row.inboundSecretHash !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Views of rows, their team names read in one query. */
export async function toMailboxes(tx: Tx, ctx: Ctx, rows: MailboxRow[]): Promise<Mailbox[]> {
  const ids = [...new Set(rows.map((r) => r.teamId).filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const found = await tx
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(and(eq(teams.workspaceId, ctx.workspaceId), inArray(teams.id, ids)));
    for (const t of found) names.set(t.id, t.name);
  }
  return rows.map((r) => {
    const name = r.teamId ? names.get(r.teamId) : undefined;
    return toMailbox(r, r.teamId && name !== undefined ? { id: r.teamId, name } : null);
  });
}

export async function toMailboxView(tx: Tx, ctx: Ctx, row: MailboxRow): Promise<Mailbox> {
  const [view] = await toMailboxes(tx, ctx, [row]);
  if (!view) throw new Error("mailbox view missing");
  return view;
}

/** The workspace's mailbox with this id or address; `mailbox.not_found` otherwise. */
export async function findMailboxRow(
  tx: Tx,
  ctx: Ctx,
  ref: string,
  field = "mailbox",
  opts: { forUpdate?: boolean } = {},
): Promise<MailboxRow> {
  const key = ref.trim();
  const query = tx
    .select()
    .from(mailboxes)
    .where(
      and(
        eq(mailboxes.workspaceId, ctx.workspaceId),
        isUuid(key) ? eq(mailboxes.id, key.toLowerCase()) : eq(mailboxes.address, normalizeAddress(key)),
      ),
    );
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("mailbox.not_found", `No mailbox "${ref}" in this workspace.`, field);
  return row;
}

/** The team id for a `team` input (id or name); null clears it. */
export async function teamIdFor(tx: Tx, ctx: Ctx, ref: string | null): Promise<string | null> {
  if (ref === null) return null;
  return (await resolveTeam(tx, ctx, ref, "team")).id;
}

/**
 * Serialises mailbox address changes across the installation (addresses are
 * unique instance-wide), so "is it free" and the insert cannot interleave.
 */
export async function lockMailboxAddresses(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('helpline:mailbox-addresses'))`);
}

/** Refuses an address any mailbox of the installation has (`except`: the one being changed). */
export async function assertAddressFree(tx: Tx, value: string, except?: string): Promise<void> {
  const [taken] = await tx.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.address, value));
  if (taken && taken.id !== except) {
    throw conflictExists(value);
  }
}

const conflictExists = (value: string) =>
  new DomainError(
    "conflict",
    "mailbox.exists",
    `address: ${value} is already a mailbox on this installation.`,
    "address",
    {
      address: value,
    },
  );
