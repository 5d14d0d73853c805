/**
 * Due work "notifications.slack": sends the Slack DMs of the delivery log.
 * Claims due slack rows (pending, held past quiet hours, or `sending` whose
 * lease passed because a sender died) with `for update skip locked`, marks them
 * `sending` with a lease and commits; then, outside any transaction, finds the
 * agent in Slack and posts; then settles each row sent / skipped / failed, or
 * back to pending with a backoff of 1, 2, 4 … minutes.
 */
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../../db/connection.js";
import { agents, notificationDeliveries } from "../../../db/schema/index.js";
import type { Clock, DueWork, DueWorkOptions } from "../../kernel/index.js";
import { type NotificationContent, type NotifyEnv, SlackApiError } from "../types.js";
import { slackBlocks } from "./blocks.js";
import { SLACK_OFF, sendSlackDm } from "./slack-dm.js";

/** How long a claimed delivery is ours before another worker may take it again. */
const LEASE_MS = 5 * 60_000;
/** Attempts before a delivery that keeps failing is given up. */
export const MAX_SLACK_ATTEMPTS = 6;
/** Claimed and sent one after another (each renews its lease just before it is sent). */
const CHUNK = 20;

/**
 * Slack answers that no retry will change: the token, the app's scopes, or the
 * person's account. Anything else (ratelimited after the client's own retries,
 * internal_error, fatal_error, no answer) is retried with backoff.
 */
const PERMANENT = new Set([
  "not_authed",
  "invalid_auth",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "no_permission",
  "missing_scope",
  "not_allowed_token_type",
  "user_not_found",
  "user_disabled",
  "cannot_dm_bot",
  "invalid_blocks",
  "invalid_arguments",
  "msg_too_long",
  "restricted_action",
]);

type DeliveryRow = typeof notificationDeliveries.$inferSelect;

/** Minutes before attempt `n + 1` after `n` failures: 1, 2, 4, 8 … */
export function slackRetryDelayMs(attempts: number): number {
  return 2 ** Math.max(0, attempts - 1) * 60_000;
}

const due = (now: Date, opts: DueWorkOptions) =>
  and(
    eq(notificationDeliveries.channel, "slack"),
    inArray(notificationDeliveries.status, ["pending", "held", "batched", "sending"]),
    lte(notificationDeliveries.nextAttemptAt, now),
    opts.workspaceId ? eq(notificationDeliveries.workspaceId, opts.workspaceId) : undefined,
  );

async function claim(db: Db, now: Date, opts: DueWorkOptions): Promise<DeliveryRow[]> {
  return db.transaction(async (tx) => {
    const ids = await tx
      .select({ id: notificationDeliveries.id })
      .from(notificationDeliveries)
      .where(due(now, opts))
      .orderBy(asc(notificationDeliveries.nextAttemptAt))
      .limit(opts.limit)
      .for("update", { skipLocked: true });
    if (ids.length === 0) return [];
    return tx
      .update(notificationDeliveries)
      .set({
        status: "sending",
        attempts: sql`${notificationDeliveries.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + LEASE_MS),
      })
      .where(
        inArray(
          notificationDeliveries.id,
          ids.map((r) => r.id),
        ),
      )
      .returning();
  });
}

/** Records the outcome, unless the lease passed and another worker took the row meanwhile. */
async function settle(
  db: Db,
  row: DeliveryRow,
  patch: Partial<typeof notificationDeliveries.$inferInsert>,
): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set(patch)
    .where(
      and(
        eq(notificationDeliveries.id, row.id),
        eq(notificationDeliveries.status, "sending"),
        eq(notificationDeliveries.attempts, row.attempts),
      ),
    );
}

/**
 * Extends our lease just before talking to Slack (a slow or rate-limited Slack
 * must not let the lease of later rows in the batch pass); false when the row is
 * no longer ours.
 */
async function renewLease(db: Db, row: DeliveryRow, now: Date): Promise<boolean> {
  const renewed = await db
    .update(notificationDeliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
    .where(
      and(
        eq(notificationDeliveries.id, row.id),
        eq(notificationDeliveries.status, "sending"),
        eq(notificationDeliveries.attempts, row.attempts),
      ),
    )
    .returning({ id: notificationDeliveries.id });
  return renewed.length === 1;
}

async function agentEmail(db: Db, row: DeliveryRow): Promise<string | null> {
  if (!row.agentId) return null;
  const [agent] = await db
    .select({ email: agents.email, active: agents.active })
    .from(agents)
    .where(and(eq(agents.id, row.agentId), eq(agents.workspaceId, row.workspaceId)));
  return agent?.active ? agent.email : null;
}

function errorText(err: unknown): string {
  if (err instanceof SlackApiError) return `Slack error: ${err.code}`;
  return ((err as Error)?.message || String(err)).slice(0, 1000);
}

async function deliverOne(db: Db, clock: Clock, env: NotifyEnv, row: DeliveryRow, opts: DueWorkOptions) {
  if (!(await renewLease(db, row, clock.now()))) return;
  const email = await agentEmail(db, row);
  if (!email) {
    await settle(db, row, {
      status: "skipped",
      reason: "the recipient is no longer an active agent",
      nextAttemptAt: null,
    });
    return;
  }
  try {
    const message = slackBlocks(row.content as NotificationContent);
    const result = await sendSlackDm(db, env, row.workspaceId, email, message, clock.now());
    if (result.status === "skipped") {
      opts.log?.("Slack DM skipped", { deliveryId: row.id, reason: result.reason });
      await settle(db, row, { status: "skipped", reason: result.reason, nextAttemptAt: null });
      return;
    }
    await settle(db, row, {
      status: "sent",
      address: result.slackUserId,
      reason: null,
      sentAt: clock.now(),
      nextAttemptAt: null,
    });
  } catch (err) {
    const permanent = err instanceof SlackApiError && PERMANENT.has(err.code);
    const giveUp = permanent || row.attempts >= MAX_SLACK_ATTEMPTS;
    const reason = errorText(err);
    await settle(db, row, {
      status: giveUp ? "failed" : "pending",
      reason: giveUp ? reason : `${reason} (attempt ${row.attempts} of ${MAX_SLACK_ATTEMPTS}; will retry)`,
      nextAttemptAt: giveUp ? null : new Date(clock.now().getTime() + slackRetryDelayMs(row.attempts)),
    });
    opts.log?.(giveUp ? "Slack DM failed" : "Slack DM will be retried", {
      deliveryId: row.id,
      attempts: row.attempts,
      error: reason,
    });
  }
}

/** Slack is off: every due Slack delivery is skipped with the reason, none is left waiting. */
async function skipAll(db: Db, now: Date, opts: DueWorkOptions): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = await tx
      .select({ id: notificationDeliveries.id })
      .from(notificationDeliveries)
      .where(due(now, opts))
      .limit(opts.limit)
      .for("update", { skipLocked: true });
    if (ids.length === 0) return 0;
    const rows = await tx
      .update(notificationDeliveries)
      .set({ status: "skipped", reason: SLACK_OFF, nextAttemptAt: null })
      .where(
        inArray(
          notificationDeliveries.id,
          ids.map((r) => r.id),
        ),
      )
      .returning({ id: notificationDeliveries.id });
    return rows.length;
  });
}

/** The Slack channel's sender (registered in lib's engine wiring). */
export function slackDeliveryWork(env: NotifyEnv): DueWork {
  return {
    name: "notifications.slack",
    async runDue(db, clock, opts) {
      if (!env.slack) return skipAll(db, clock.now(), opts);
      let total = 0;
      while (total < opts.limit) {
        const rows = await claim(db, clock.now(), { ...opts, limit: Math.min(CHUNK, opts.limit - total) });
        if (rows.length === 0) break;
        for (const row of rows) await deliverOne(db, clock, env, row, opts);
        total += rows.length;
      }
      return total;
    },
  };
}
