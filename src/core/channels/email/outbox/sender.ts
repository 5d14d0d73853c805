import { asc, eq } from "drizzle-orm";
import type { Tx } from "../../../../db/connection.js";
import { mailboxes } from "../../../../db/schema/index.js";
import { readWorkspaceSettings, workspaceInfo } from "../../../people/index.js";
import { normalizeAddress } from "../address.js";
import type { EmailAddress, EmailEnv } from "../types.js";

/** Who the workspace's mail comes from and where replies go. */
export interface Sender {
  from: EmailAddress;
  /** The first enabled mailbox (replies are plus-addressed to it); null when the workspace has none. */
  replyMailbox: string | null;
  /** Every address of the workspace (mailboxes and From): never a recipient of its own copies. */
  ownAddresses: string[];
}

/** The last-resort From address, when nothing is configured. */
export const FALLBACK_FROM = "support@localhost";

/**
 * From: the workspace's `emailFromAddress` setting, else its first enabled mailbox, else
 * HELPLINE_SMTP_FROM, else support@localhost. The name: `emailFromName`, else the mailbox's
 * display name (when From is that mailbox), else the workspace's name.
 */
export async function resolveSender(tx: Tx, workspaceId: string, env: EmailEnv): Promise<Sender> {
  const settings = await readWorkspaceSettings(tx, workspaceId);
  const boxes = await tx
    .select({ address: mailboxes.address, displayName: mailboxes.displayName, enabled: mailboxes.enabled })
    .from(mailboxes)
    .where(eq(mailboxes.workspaceId, workspaceId))
    .orderBy(asc(mailboxes.createdAt), asc(mailboxes.id));
  const first = boxes.find((b) => b.enabled) ?? null;
  const configured = settings.emailFromAddress ? normalizeAddress(settings.emailFromAddress) : null;
  const address = configured ?? first?.address ?? env.defaultFrom?.address ?? FALLBACK_FROM;
  let name = settings.emailFromName.trim();
  if (!name && !configured && first?.displayName) name = first.displayName;
  if (!name && !configured && !first && env.defaultFrom?.name) name = env.defaultFrom.name;
  if (!name) name = (await workspaceInfo(tx, tx, workspaceId)).name;
  const own = new Set(boxes.map((b) => normalizeAddress(b.address)));
  own.add(normalizeAddress(address));
  return {
    from: { address: normalizeAddress(address), name: name || null },
    replyMailbox: first ? normalizeAddress(first.address) : null,
    ownAddresses: [...own],
  };
}
