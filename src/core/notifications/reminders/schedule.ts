/**
 * Due work "reminders.daily": runs each workspace's daily reminders at the times
 * its `remindersCron` names, in its time zone. One `reminder_schedules` row per
 * workspace holds the next run; it is created on the first tick that sees the
 * workspace (next_run_at = the cron's next time after now), and deleted by
 * updateWorkspaceSettings when `remindersCron` or `timeZone` changes, so the
 * next tick recomputes it from the new setting.
 *
 * When a row is due it is claimed with a lease (so parallel schedulers take
 * different workspaces and a crashed run is picked up again), reminders are
 * sent as the system with the run key = the scheduled local date (so a retried
 * run sends nobody a second one), and next_run_at moves to the cron's next time
 * after now. A run found more than MAX_LATE_MS late (the desk was down) is
 * skipped rather than sent hours out of date. Disabled reminders: the schedule
 * keeps moving, nothing is sent.
 */
import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import type { Db } from "../../../db/connection.js";
import { reminderSchedules, workspaces } from "../../../db/schema/index.js";
import { type Clock, type DueWork, type DueWorkOptions, localDate, nextRun, systemActor } from "../../kernel/index.js";
import { parseWorkspaceSettings, readWorkspaceSettings } from "../../people/index.js";
import type { NotifyEnv } from "../types.js";
import { sendReminders } from "./send-reminders.js";

export const REMINDERS_WORK = "reminders.daily";
/** A claimed run is ours this long; a scheduler that died mid-run frees it after this. */
const LEASE_MS = 30 * 60_000;
/** A run that failed is tried again after this (reminder_sends keeps it from sending twice). */
const RETRY_MS = 5 * 60_000;
/** Later than this, a scheduled run is skipped (the next one is computed as usual). */
export const MAX_LATE_MS = 12 * 60 * 60_000;

const dateKey = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;

/** Creates the schedule row of workspaces that have none; returns how many. */
async function ensureSchedules(db: Db, now: Date, opts: DueWorkOptions): Promise<number> {
  const missing = await db
    .select({ id: workspaces.id, settings: workspaces.settings })
    .from(workspaces)
    .leftJoin(reminderSchedules, eq(reminderSchedules.workspaceId, workspaces.id))
    .where(
      and(isNull(reminderSchedules.workspaceId), opts.workspaceId ? eq(workspaces.id, opts.workspaceId) : undefined),
    )
    .limit(opts.limit);
  if (missing.length === 0) return 0;
  const values = missing.map((w) => {
    const s = parseWorkspaceSettings(w.settings);
    return { workspaceId: w.id, nextRunAt: nextRun(s.remindersCron, now, s.timeZone), lastRunKey: null };
  });
  const created = await db
    .insert(reminderSchedules)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: reminderSchedules.workspaceId });
  return created.length;
}

/** Due rows, each moved a lease ahead in the same transaction: ours until we finish. */
async function claim(db: Db, now: Date, opts: DueWorkOptions): Promise<{ workspaceId: string; dueAt: Date }[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ workspaceId: reminderSchedules.workspaceId, dueAt: reminderSchedules.nextRunAt })
      .from(reminderSchedules)
      .where(
        and(
          lte(reminderSchedules.nextRunAt, now),
          opts.workspaceId ? eq(reminderSchedules.workspaceId, opts.workspaceId) : undefined,
        ),
      )
      .orderBy(asc(reminderSchedules.nextRunAt))
      .limit(opts.limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    await tx
      .update(reminderSchedules)
      .set({ nextRunAt: new Date(now.getTime() + LEASE_MS) })
      .where(
        inArray(
          reminderSchedules.workspaceId,
          due.map((d) => d.workspaceId),
        ),
      );
    return due;
  });
}

async function runOne(
  db: Db,
  clock: Clock,
  env: NotifyEnv,
  item: { workspaceId: string; dueAt: Date },
  opts: DueWorkOptions,
): Promise<void> {
  const now = clock.now();
  const settings = await readWorkspaceSettings(db, item.workspaceId);
  const runKey = dateKey(localDate(item.dueAt, settings.timeZone));
  const late = now.getTime() - item.dueAt.getTime();
  if (settings.remindersEnabled && late <= MAX_LATE_MS) {
    const ctx = { actor: systemActor("reminders"), workspaceId: item.workspaceId, db, clock };
    const report = await sendReminders(ctx, env, { runKey });
    const sent = report.users.filter((u) => u.status === "sent").length;
    opts.log?.(`daily reminders ${runKey}: ${sent} sent of ${report.users.length}`, { workspaceId: item.workspaceId });
  } else if (settings.remindersEnabled) {
    opts.log?.(`daily reminders ${runKey} skipped: ${Math.round(late / 60_000)} minutes late`, {
      workspaceId: item.workspaceId,
    });
  }
  await db
    .update(reminderSchedules)
    .set({ nextRunAt: nextRun(settings.remindersCron, now, settings.timeZone), lastRunKey: runKey })
    .where(eq(reminderSchedules.workspaceId, item.workspaceId));
}

/** The daily reminders of every workspace, at its cron's times. */
export function remindersDueWork(env: NotifyEnv): DueWork {
  return {
    name: REMINDERS_WORK,
    async runDue(db, clock, opts) {
      const now = clock.now();
      const created = await ensureSchedules(db, now, opts);
      const due = await claim(db, now, opts);
      for (const item of due) {
        try {
          await runOne(db, clock, env, item, opts);
        } catch (err) {
          opts.log?.("daily reminders failed; trying again in 5 minutes", {
            workspaceId: item.workspaceId,
            error: (err as Error).message,
          });
          await db
            .update(reminderSchedules)
            .set({ nextRunAt: new Date(clock.now().getTime() + RETRY_MS) })
            .where(eq(reminderSchedules.workspaceId, item.workspaceId));
        }
      }
      return created + due.length;
    },
  };
}
