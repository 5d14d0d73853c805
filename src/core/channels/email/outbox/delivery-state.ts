import { sql } from "drizzle-orm";
import type { Tx } from "../../../../db/connection.js";
import type { DeliveryState } from "../types.js";

/**
 * Writes the delivery state of an outbound message onto its timeline entry
 * (`timeline_entries.email.delivery`), so the conversation shows queued, sent
 * or failed with the reason. The outbox calls it on every state change; the
 * inbound pipeline calls it to mark a message failed when its bounce arrives.
 * An entry without email data is left alone.
 */
export async function setDelivery(tx: Tx, entryId: string, state: DeliveryState): Promise<void> {
  const value = JSON.stringify(stripUndefined(state));
  await tx.execute(
    sql`update timeline_entries set email = jsonb_set(email, '{delivery}', ${value}::jsonb, true)
         where id = ${entryId} and email is not null and jsonb_typeof(email) = 'object'`,
  );
}

function stripUndefined(state: DeliveryState): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined));
}
