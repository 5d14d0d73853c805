import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { tstz, workspaceId } from "./columns.js";
import { workspaces } from "./people.js";

/** Domain events, written in the same transaction as the change they describe. */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    id: uuid("id").notNull().unique(),
    workspaceId: workspaceId().references(() => workspaces.id),
    type: text("type").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id").notNull(),
    actor: jsonb("actor").notNull(),
    payload: jsonb("payload").notNull(),
    occurredAt: tstz("occurred_at").notNull(),
    /** A dispatcher's lease: until then no other dispatcher takes the row. */
    claimedUntil: tstz("claimed_until"),
    dispatchedAt: tstz("dispatched_at"),
  },
  (t) => [index("outbox_pending").on(t.seq).where(sql`${t.dispatchedAt} is null`)],
);

/** A listener's record that it has handled an event: what makes delivery idempotent. */
export const listenerReceipts = pgTable(
  "listener_receipts",
  {
    listener: text("listener").notNull(),
    eventId: uuid("event_id").notNull(),
    processedAt: tstz("processed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.listener, t.eventId] })],
);
