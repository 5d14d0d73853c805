import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/connection.js";
import { notificationDeliveries } from "../../db/schema/index.js";
import { isDeliverableAddress, normalizeAddress, queueEmail, renderPlain } from "../channels/index.js";
import { type Ctx, type DueWork, type DueWorkOptions, systemActor } from "../kernel/index.js";
import { fillTemplate, templateFor } from "./templates.js";
import type { NotificationContent, NotificationKind, NotifyEnv } from "./types.js";

type DeliveryRow = typeof notificationDeliveries.$inferSelect;

/** Attempts before a notification email that keeps failing to queue is given up. */
const MAX_ATTEMPTS = 5;
const WAITING = ["pending", "held", "batched"];
/** "No address" in the delivery log. */
export const NO_EMAIL_ADDRESS = "no deliverable email address";

const dueRows = (now: Date, workspaceId?: string) =>
  and(
    eq(notificationDeliveries.channel, "email"),
    inArray(notificationDeliveries.status, WAITING),
    lte(notificationDeliveries.nextAttemptAt, now),
    workspaceId ? eq(notificationDeliveries.workspaceId, workspaceId) : undefined,
  );

export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
}

/** One notification through the workspace's template for its kind (else the built-in one). */
async function renderOne(tx: Tx, workspaceId: string, content: NotificationContent, forCustomer: boolean) {
  const template = await templateFor(tx, workspaceId, content.kind as NotificationKind, "email");
  const mail = renderPlain(fillTemplate(template.body, content), forCustomer ? (content.ticket?.number ?? null) : null);
  return { subject: fillTemplate(template.subject, content), ...mail };
}

/** Several notifications due together for one person: one email, a line and a link each. */
function renderDigest(contents: NotificationContent[]): RenderedNotification {
  const lines = contents.map((c) => [c.title, c.url ? `  ${c.url}` : null].filter(Boolean).join("\n"));
  const body = `${contents.length} updates on your tickets:\n\n${lines.join("\n\n")}`;
  return { subject: `${contents.length} updates on your tickets`, ...renderPlain(body, null) };
}

/**
 * Sends one recipient's due notification emails, in one transaction: rows locked
 * (skip locked), one mail queued in the email outbox (a digest when several are
 * due), rows marked sent. The outbox's dedupe key (the first delivery's id) and
 * the row lock make it exactly once.
 */
async function sendFor(db: Db, env: NotifyEnv, ws: string, key: string, now: Date, ctxClock: Ctx["clock"]) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(notificationDeliveries)
      .where(and(dueRows(now, ws), eq(notificationDeliveries.recipientKey, key)))
      .orderBy(asc(notificationDeliveries.createdAt), asc(notificationDeliveries.id))
      .for("update", { skipLocked: true });
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    const address = normalizeAddress(rows.find((r) => r.address)?.address ?? "");
    if (!isDeliverableAddress(address)) {
      await settle(tx, ids, { status: "skipped", reason: NO_EMAIL_ADDRESS, nextAttemptAt: null });
      return rows.length;
    }
    const first = rows[0] as DeliveryRow;
    const contents = rows.map((r) => r.content as NotificationContent);
    const forCustomer = key.startsWith("customer:");
    const mail =
      rows.length === 1
        ? await renderOne(tx, ws, contents[0] as NotificationContent, forCustomer)
        : renderDigest(contents);
    const ticketId = forCustomer && rows.length === 1 ? first.ticketId : null;
    const ctx: Ctx = { actor: systemActor("notifications"), workspaceId: ws, db: tx as Ctx["db"], clock: ctxClock };
    await queueEmail(tx, ctx, env.email, {
      kind: "notification",
      dedupeKey: `notify:${first.id}`,
      to: [address],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      ...(ticketId ? { ticketId } : {}),
    });
    await settle(tx, ids, {
      status: "sent",
      sentAt: now,
      nextAttemptAt: null,
      reason: rows.length > 1 ? `sent in one email with ${rows.length - 1} other(s)` : null,
    });
    return rows.length;
  });
}

async function settle(tx: Tx, ids: string[], patch: Partial<typeof notificationDeliveries.$inferInsert>) {
  await tx
    .update(notificationDeliveries)
    .set({ ...patch, attempts: sql`${notificationDeliveries.attempts} + 1` })
    .where(inArray(notificationDeliveries.id, ids));
}

/** A recipient whose mail could not be queued: retried after 1, 2, 4 … minutes, failed after MAX_ATTEMPTS. */
async function failed(db: Db, ws: string, key: string, now: Date, error: string, opts: DueWorkOptions) {
  await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: notificationDeliveries.id, attempts: notificationDeliveries.attempts })
      .from(notificationDeliveries)
      .where(and(dueRows(now, ws), eq(notificationDeliveries.recipientKey, key)))
      .for("update", { skipLocked: true });
    for (const r of rows) {
      const giveUp = r.attempts + 1 >= MAX_ATTEMPTS;
      await tx
        .update(notificationDeliveries)
        .set({
          status: giveUp ? "failed" : "pending",
          attempts: r.attempts + 1,
          reason: error.slice(0, 1000),
          nextAttemptAt: giveUp ? null : new Date(now.getTime() + 2 ** r.attempts * 60_000),
        })
        .where(eq(notificationDeliveries.id, r.id));
    }
  });
  opts.log?.("notification email could not be queued", { workspaceId: ws, recipient: key, error });
}

/**
 * "notifications.email": due email deliveries (pending; held or batched whose
 * time came) become mail in the email outbox, one email per recipient per run —
 * a digest when several are due — rendered from the workspace's templates. A
 * recipient without a deliverable address is skipped with the reason.
 */
export function notificationEmailWork(env: NotifyEnv): DueWork {
  return {
    name: "notifications.email",
    async runDue(db, clock, opts) {
      const now = clock.now();
      const keys = await db
        .selectDistinct({ ws: notificationDeliveries.workspaceId, key: notificationDeliveries.recipientKey })
        .from(notificationDeliveries)
        .where(dueRows(now, opts.workspaceId))
        .limit(opts.limit);
      let handled = 0;
      for (const { ws, key } of keys) {
        try {
          handled += await sendFor(db, env, ws, key, now, clock);
        } catch (err) {
          await failed(db, ws, key, now, (err as Error).message || String(err), opts);
          handled += 1;
        }
      }
      // Counted per recipient, so the scheduler asks again only while recipients were left over.
      return Math.min(keys.length, handled);
    },
  };
}
