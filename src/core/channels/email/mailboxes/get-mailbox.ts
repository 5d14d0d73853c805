import { authorize } from "../../../access/index.js";
import type { Ctx } from "../../../kernel/index.js";
import { findMailboxRow, type Mailbox, toMailboxView } from "./mailbox-record.js";

/** One mailbox by id or address (managers and superadmins); `mailbox.not_found` otherwise. */
export async function getMailbox(ctx: Ctx, ref: string): Promise<Mailbox> {
  authorize(ctx.actor, "email:manage");
  return toMailboxView(ctx.db, ctx, await findMailboxRow(ctx.db, ctx, ref));
}
