import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/connection.js";
import { mailboxes } from "../../../db/schema/index.js";
import { hashToken, sameSecret } from "../../auth/index.js";

/** Longest inbound secret looked up (generated ones are 43 characters). */
const MAX_SECRET_LENGTH = 512;

export interface InboundSecretMailbox {
  id: string;
  workspaceId: string;
  address: string;
}

/**
 * The enabled mailbox whose HTTP inbound secret this is, or undefined. Only the
 * secret's SHA-256 is stored; the lookup is by that hash (an index lookup reveals
 * nothing about the secret), and the stored hash is compared in constant time.
 */
export async function findMailboxByInboundSecret(db: Db, secret: string): Promise<InboundSecretMailbox | undefined> {
  const given = secret.trim();
  if (given.length === 0 || given.length > MAX_SECRET_LENGTH) return undefined;
  const hash = hashToken(given);
  const [row] = await db
    .select({
      id: mailboxes.id,
      workspaceId: mailboxes.workspaceId,
      address: mailboxes.address,
      inboundSecretHash: mailboxes.inboundSecretHash,
    })
    .from(mailboxes)
    .where(and(eq(mailboxes.inboundSecretHash, hash), eq(mailboxes.enabled, true)));
  if (!row?.inboundSecretHash || !sameSecret(row.inboundSecretHash, hash)) return undefined;
  return { id: row.id, workspaceId: row.workspaceId, address: row.address };
}
