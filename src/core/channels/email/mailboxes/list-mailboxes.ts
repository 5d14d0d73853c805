import { asc, eq } from "drizzle-orm";
import { mailboxes } from "../../../../db/schema/index.js";
import { authorize } from "../../../access/index.js";
import type { Ctx, Page } from "../../../kernel/index.js";
import { type Mailbox, toMailboxes } from "./mailbox-record.js";

/**
 * The workspace's mailboxes by address (managers and superadmins: the list
 * shows where mail comes from and how it is fetched). A workspace has few, so
 * the list is one page (`nextCursor` is null).
 */
export async function listMailboxes(ctx: Ctx): Promise<Page<Mailbox>> {
  authorize(ctx.actor, "email:manage");
  const rows = await ctx.db
    .select()
    .from(mailboxes)
    .where(eq(mailboxes.workspaceId, ctx.workspaceId))
    .orderBy(asc(mailboxes.address));
  return { items: await toMailboxes(ctx.db, ctx, rows), nextCursor: null };
}
