import { and, eq, sql } from "drizzle-orm";
import { inboundEmails, mailboxes } from "../../../../db/schema/index.js";
import { authorize } from "../../../access/index.js";
import { recordAudit } from "../../../audit/index.js";
import type { Ctx } from "../../../kernel/index.js";
import { findMailboxRow, type Mailbox, toMailboxView } from "./mailbox-record.js";

export interface MailboxRemoval {
  /** `deleted`: gone; `disabled`: kept (stored mail refers to it), receives nothing more. */
  outcome: "deleted" | "disabled";
  /** A sentence for people saying which, and why. */
  message: string;
  /** The mailbox as it was deleted, or as it is now (disabled, credentials dropped). */
  mailbox: Mailbox;
}

/**
 * Removes a mailbox (managers and superadmins; audited). One that mail was
 * stored through stays, disabled, so the history keeps saying where that mail
 * came from: it receives nothing more, polls nothing, and its IMAP password and
 * HTTP secret are dropped. One nothing refers to is deleted.
 */
export async function removeMailbox(ctx: Ctx, ref: string): Promise<MailboxRemoval> {
  authorize(ctx.actor, "email:manage");
  return ctx.db.transaction(async (tx) => {
    const row = await findMailboxRow(tx, ctx, ref, "mailbox", { forUpdate: true });
    const scope = and(eq(mailboxes.workspaceId, ctx.workspaceId), eq(mailboxes.id, row.id));
    const [refs] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(inboundEmails)
      .where(and(eq(inboundEmails.workspaceId, ctx.workspaceId), eq(inboundEmails.mailboxId, row.id)));
    const stored = Number(refs?.n ?? 0);
    if (stored === 0) {
      await tx.delete(mailboxes).where(scope);
      await recordAudit(tx, ctx, {
        action: "mailbox.deleted",
        target: { type: "mailbox", id: row.id },
        details: { address: row.address },
      });
      return {
        outcome: "deleted" as const,
        message: `Deleted the mailbox ${row.address}.`,
        mailbox: await toMailboxView(tx, ctx, row),
      };
    }
    const [disabled] = await tx
      .update(mailboxes)
      .set({
        enabled: false,
        imapSecret: null,
        imapNextPollAt: null,
        inboundSecretHash: null,
        updatedAt: ctx.clock.now(),
      })
      .where(scope)
      .returning();
    if (!disabled) throw new Error("mailbox update returned nothing");
    await recordAudit(tx, ctx, {
      action: "mailbox.disabled",
      target: { type: "mailbox", id: row.id },
      details: { address: row.address, storedMessages: stored },
    });
    return {
      outcome: "disabled" as const,
      message:
        `Disabled the mailbox ${row.address} instead of deleting it: ${stored} stored ${stored === 1 ? "message refers" : "messages refer"} to it. ` +
        "It receives and polls nothing more; its IMAP password and HTTP secret were dropped.",
      mailbox: await toMailboxView(tx, ctx, disabled),
    };
  });
}
