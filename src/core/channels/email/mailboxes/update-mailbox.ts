import { and, eq } from "drizzle-orm";
import { mailboxes } from "../../../../db/schema/index.js";
import { authorize } from "../../../access/index.js";
import { recordAudit } from "../../../audit/index.js";
import { encryptSecret, hashToken, randomToken } from "../../../auth/index.js";
import { type Ctx, invalid, parseInput } from "../../../kernel/index.js";
import type { EmailEnv, ImapSettings } from "../types.js";
import {
  assertAddressFree,
  completeImapSettings,
  findMailboxRow,
  imapSecretContext,
  lockMailboxAddresses,
  type MailboxChange,
  type MailboxImapInput,
  type MailboxRow,
  storedImap,
  teamIdFor,
  toMailboxView,
  updateMailboxInput,
} from "./mailbox-record.js";

type Patch = Partial<Omit<MailboxRow, "id" | "workspaceId" | "createdAt">>;

/** Host, port, login and folder name the mailbox polled; a change means other UIDs. */
const sameLocation = (a: ImapSettings | null, b: ImapSettings | null) =>
  a !== null &&
  b !== null &&
  a.host.toLowerCase() === b.host.toLowerCase() &&
  a.port === b.port &&
  a.user === b.user &&
  a.folder === b.folder;

/**
 * Changes a mailbox (managers and superadmins; audited): address, display
 * name, team, enabled, IMAP settings (given fields change, the rest stay; the
 * password is replaced only when given, and must be given again when the server
 * or login changes; `imap: null` stops polling), the HTTP door (`httpSecret`
 * false closes it, true opens it) and `rotateSecret: true` (a new secret,
 * answered this once). Pointing IMAP at another server, login or folder starts
 * reading it from its first message.
 */
export async function updateMailbox(
  ctx: Ctx,
  env: Pick<EmailEnv, "secretKey">,
  ref: string,
  rawInput: unknown,
): Promise<MailboxChange> {
  authorize(ctx.actor, "email:manage");
  const input = parseInput(updateMailboxInput, rawInput);
  if (input.httpSecret === false && input.rotateSecret) {
    throw invalid("input.invalid", "rotateSecret: cannot rotate the secret of a door being closed", "rotateSecret");
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await findMailboxRow(tx, ctx, ref, "mailbox", { forUpdate: true });
    const patch: Patch = {};
    const changed: string[] = [];
    if (input.address !== undefined && input.address !== row.address) {
      await lockMailboxAddresses(tx);
      await assertAddressFree(tx, input.address, row.id);
      patch.address = input.address;
      changed.push("address");
    }
    if (input.displayName !== undefined && input.displayName !== row.displayName) {
      patch.displayName = input.displayName || null;
      changed.push("displayName");
    }
    if (input.team !== undefined) {
      const teamId = await teamIdFor(tx, ctx, input.team);
      if (teamId !== row.teamId) {
        patch.teamId = teamId;
        changed.push("team");
      }
    }
    if (input.enabled !== undefined && input.enabled !== row.enabled) {
      patch.enabled = input.enabled;
      changed.push("enabled");
      if (input.enabled && row.imap) patch.imapNextPollAt = now;
    }
    if (input.imap !== undefined) Object.assign(patch, imapPatch(env, row, input.imap, now, changed));
    let httpSecret: string | null = null;
    if (input.httpSecret === false && row.inboundSecretHash !== null) {
      patch.inboundSecretHash = null;
      changed.push("httpSecret");
    } else if (input.rotateSecret || (input.httpSecret === true && row.inboundSecretHash === null)) {
      httpSecret = randomToken();
      patch.inboundSecretHash = hashToken(httpSecret);
      changed.push(row.inboundSecretHash === null ? "httpSecret" : "httpSecret.rotated");
    }
    if (changed.length === 0) return { mailbox: await toMailboxView(tx, ctx, row), httpSecret: null };
    const [updated] = await tx
      .update(mailboxes)
      .set({ ...patch, updatedAt: now })
      .where(and(eq(mailboxes.workspaceId, ctx.workspaceId), eq(mailboxes.id, row.id)))
      .returning();
    if (!updated) throw new Error("mailbox update returned nothing");
    await recordAudit(tx, ctx, {
      action: "mailbox.changed",
      target: { type: "mailbox", id: row.id },
      details: { address: updated.address, changed },
    });
    return { mailbox: await toMailboxView(tx, ctx, updated), httpSecret };
  });
}

/** The columns an `imap` change writes, and the names of what changed. */
function imapPatch(
  env: Pick<EmailEnv, "secretKey">,
  row: MailboxRow,
  given: MailboxImapInput | null,
  now: Date,
  changed: string[],
): Patch {
  const stored = storedImap(row);
  if (given === null) {
    if (!stored && row.imapSecret === null) return {};
    changed.push("imap");
    return { imap: null, imapSecret: null, imapNextPollAt: null };
  }
  const settings = completeImapSettings(given, stored);
  const relocated = !sameLocation(stored, settings);
  const serverChanged =
    !stored || stored.host.toLowerCase() !== settings.host.toLowerCase() || stored.user !== settings.user;
  if (!given.password && (serverChanged || row.imapSecret === null)) {
    throw invalid(
      "input.invalid",
      stored
        ? "imap.password: give the password again when the IMAP server or login changes"
        : "imap.password: the IMAP password is required",
      "imap.password",
    );
  }
  const patch: Patch = {};
  if (JSON.stringify(settings) !== JSON.stringify(stored)) {
    patch.imap = settings;
    changed.push("imap");
  }
  if (given.password) {
    patch.imapSecret = encryptSecret(env.secretKey, given.password, imapSecretContext(row.id));
    changed.push("imap.password");
  }
  if (patch.imap === undefined && patch.imapSecret === undefined) return {};
  if (relocated) {
    patch.imapUidValidity = null;
    patch.imapLastUid = 0;
  }
  return { ...patch, imapNextPollAt: now, lastError: null, lastErrorAt: null };
}
