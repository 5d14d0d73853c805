import { mailboxes } from "../../../../db/schema/index.js";
import { authorize } from "../../../access/index.js";
import { recordAudit } from "../../../audit/index.js";
import { encryptSecret, hashToken, randomToken } from "../../../auth/index.js";
import { type Ctx, invalid, newId, parseInput } from "../../../kernel/index.js";
import type { EmailEnv } from "../types.js";
import {
  addMailboxInput,
  assertAddressFree,
  completeImapSettings,
  imapSecretContext,
  lockMailboxAddresses,
  type MailboxChange,
  teamIdFor,
  toMailboxView,
} from "./mailbox-record.js";

/**
 * Adds an address the desk receives mail for (managers and superadmins;
 * audited). The built-in SMTP receiver accepts it at once; `imap` makes it
 * polled (the password is sealed with the instance key and never read back);
 * `httpSecret: true` opens the HTTP inbound door and answers its secret this
 * once. Addresses are unique on the installation: `mailbox.exists` otherwise.
 */
export async function addMailbox(
  ctx: Ctx,
  env: Pick<EmailEnv, "secretKey">,
  rawInput: unknown,
): Promise<MailboxChange> {
  authorize(ctx.actor, "email:manage");
  const input = parseInput(addMailboxInput, rawInput);
  const imap = input.imap ? completeImapSettings(input.imap, null) : null;
  if (input.imap && !input.imap.password) {
    throw invalid("input.invalid", "imap.password: the IMAP password is required", "imap.password");
  }
  const now = ctx.clock.now();
  const id = newId(now);
  const httpSecret = input.httpSecret ? randomToken() : null;
  return ctx.db.transaction(async (tx) => {
    const teamId = input.team === undefined ? null : await teamIdFor(tx, ctx, input.team);
    await lockMailboxAddresses(tx);
    await assertAddressFree(tx, input.address);
    const [row] = await tx
      .insert(mailboxes)
      .values({
        id,
        workspaceId: ctx.workspaceId,
        address: input.address,
        displayName: input.displayName ?? null,
        teamId,
        enabled: input.enabled ?? true,
        imap,
        imapSecret:
          imap && input.imap?.password
            ? encryptSecret(env.secretKey, input.imap.password, imapSecretContext(id))
            : null,
        imapNextPollAt: imap ? now : null,
        inboundSecretHash: httpSecret ? hashToken(httpSecret) : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("mailbox insert returned nothing");
    await recordAudit(tx, ctx, {
      action: "mailbox.created",
      target: { type: "mailbox", id },
      details: {
        address: row.address,
        imap: imap ? { host: imap.host, port: imap.port, user: imap.user, folder: imap.folder } : null,
        httpInbound: httpSecret !== null,
      },
    });
    return { mailbox: await toMailboxView(tx, ctx, row), httpSecret };
  });
}
