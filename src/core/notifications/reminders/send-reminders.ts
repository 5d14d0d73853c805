/**
 * Seed 000's daily reminder: one message per agent with their open, in-progress,
 * personal and pending-production tickets, by Slack DM (when Slack is configured
 * and their preferences allow it) or else by email through the outbox (when
 * their preferences allow that). At most one reminder per agent per run key (the
 * workspace's local date): `reminder_sends` is claimed before anything is sent,
 * so a second run that day, a retry or a concurrent run sends nothing again. A
 * send that failed (Slack did not answer) or was skipped may be tried again by
 * a later run the same day.
 */
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { agents, reminderSends, workspaces } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { queueEmail } from "../../channels/index.js";
import { type Ctx, isUuid, localDate, notFound, parseInput } from "../../kernel/index.js";
import { parseWorkspaceSettings } from "../../people/index.js";
import { effectivePreferences } from "../preferences.js";
import type { NotifyEnv } from "../types.js";
import { type AgentReminder, collectReminders, REMINDER_SECTIONS, type ReminderSection } from "./collect.js";
import { reminderEmail, reminderSlackMessage } from "./format.js";
import { slackBatch } from "./slack-batch.js";

export const sendRemindersInput = z
  .object({
    /** Build every message and report what would happen; send and write nothing. */
    dryRun: z.boolean().default(false),
    /** Only this agent (email or id). */
    user: z.string().trim().min(1).optional(),
    /** Default: the workspace's local date, e.g. 2025-03-07. */
    runKey: z
      .string()
      .regex(/^[\w.:-]{1,64}$/, "must be 1-64 letters, digits, '.', ':', '_' or '-' (e.g. 2025-03-07)")
      .optional(),
  })
  .strict();
export type SendRemindersInput = z.input<typeof sendRemindersInput>;

export type ReminderStatus = "sent" | "skipped" | "would_send" | "failed";

export interface ReminderUserReport {
  agentId: string;
  email: string;
  name: string;
  /** How many tickets in each section. */
  sections: Record<ReminderSection, number>;
  channel: "slack" | "email" | null;
  status: ReminderStatus;
  /** Why it was skipped or failed (null when sent or it would be). */
  reason: string | null;
}

export interface ReminderReport {
  runKey: string;
  dryRun: boolean;
  users: ReminderUserReport[];
}

export interface ReminderHooks {
  /** Called after each person is handled (a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** Slack DMs under way at once (Slack's own client queues further calls when rate limited). */
const SLACK_CONCURRENCY = 16;

const NOTHING = "nothing to remind of: no open, in-progress, personal or pending-production tickets";

const dateKey = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;

const counts = (r: AgentReminder) =>
  Object.fromEntries(REMINDER_SECTIONS.map((s) => [s, r.sections[s].length])) as Record<ReminderSection, number>;

interface Plan {
  reminder: AgentReminder;
  channel: "slack" | "email" | null;
  /** Email allowed too (a fallback for someone not in Slack). */
  emailOk: boolean;
  reason: string | null;
}

async function resolveAgent(ctx: Ctx, ref: string): Promise<{ id: string; email: string; name: string }> {
  const [row] = await ctx.db
    .select({ id: agents.id, email: agents.email, name: agents.name })
    .from(agents)
    .where(
      and(
        eq(agents.workspaceId, ctx.workspaceId),
        eq(agents.active, true),
        isUuid(ref) ? eq(agents.id, ref) : sql`lower(${agents.email}) = ${ref.toLowerCase()}`,
      ),
    )
    .limit(1);
  if (!row) throw notFound("agent.not_found", `No active agent ${ref} in this workspace.`, "user");
  return row;
}

function plan(reminder: AgentReminder, env: NotifyEnv, channels: { slack: boolean; email: boolean }): Plan {
  if (env.slack && channels.slack) return { reminder, channel: "slack", emailOk: channels.email, reason: null };
  if (channels.email) return { reminder, channel: "email", emailOk: true, reason: null };
  const reason = env.slack
    ? "reminders are off in their notification preferences (Slack and email)"
    : "Slack is off (SLACK_BOT_TOKEN is not set) and email reminders are off in their preferences";
  return { reminder, channel: null, emailOk: false, reason };
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Builds each agent's reminder and delivers it (managers, superadmins, the
 * system). Returns what happened to each person with something to be reminded of.
 */
export async function sendReminders(
  ctx: Ctx,
  env: NotifyEnv,
  raw: SendRemindersInput = {},
  hooks: ReminderHooks = {},
): Promise<ReminderReport> {
  authorize(ctx.actor, "notifications:manage");
  const input = parseInput(sendRemindersInput, raw);
  const ws = ctx.workspaceId;
  const now = ctx.clock.now();
  const [wsRow] = await ctx.db
    .select({ prefix: workspaces.ticketPrefix, settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, ws));
  if (!wsRow) throw notFound("workspace.not_found", `No workspace with id ${ws}.`);
  const settings = parseWorkspaceSettings(wsRow.settings);
  const runKey = input.runKey ?? dateKey(localDate(now, settings.timeZone));
  const only = input.user ? await resolveAgent(ctx, input.user) : undefined;
  const reminders = await collectReminders(ctx.db, {
    workspaceId: ws,
    ticketPrefix: wsRow.prefix,
    pendingProductionStatus: settings.pendingProductionStatus,
    pendingProductionType: settings.pendingProductionType,
    publicUrl: env.publicUrl,
    now,
    ...(only ? { agentId: only.id } : {}),
  });
  const report: ReminderReport = { runKey, dryRun: input.dryRun, users: [] };
  if (only && reminders.length === 0) {
    const sections = Object.fromEntries(REMINDER_SECTIONS.map((s) => [s, 0])) as Record<ReminderSection, number>;
    report.users.push({ agentId: only.id, ...only, sections, channel: null, status: "skipped", reason: NOTHING });
    return report;
  }
  const ids = reminders.map((r) => r.agentId);
  const prefs = await effectivePreferences(ctx.db, ws, ids);
  const plans = reminders.map((r) =>
    plan(r, env, prefs.get(r.agentId)?.channels.reminder ?? { slack: false, email: false }),
  );
  const byAgent = new Map<string, ReminderUserReport>();
  const result = (p: Plan, status: ReminderStatus, channel: Plan["channel"], reason: string | null) =>
    byAgent.set(p.reminder.agentId, {
      agentId: p.reminder.agentId,
      email: p.reminder.email,
      name: p.reminder.name,
      sections: counts(p.reminder),
      channel,
      status,
      reason,
    });
  let done = 0;
  const tick = () => hooks.onProgress?.(++done, plans.length);

  // Who has been reminded (or is being reminded) under this run key already.
  const earlier = new Map<string, { channel: string; status: string }>();
  if (ids.length > 0) {
    const rows = await ctx.db
      .select({ agentId: reminderSends.agentId, channel: reminderSends.channel, status: reminderSends.status })
      .from(reminderSends)
      .where(
        and(
          eq(reminderSends.workspaceId, ws),
          eq(reminderSends.runKey, runKey),
          inArray(reminderSends.agentId, ids),
          or(eq(reminderSends.status, "sent"), eq(reminderSends.status, "sending")),
        ),
      );
    for (const r of rows) earlier.set(r.agentId, r);
  }
  const already = (agentId: string) => {
    const e = earlier.get(agentId);
    return `already reminded for ${runKey}${e ? ` (${e.channel}${e.status === "sending" ? ", being sent" : ""})` : ""}`;
  };

  let open = plans.filter((p) => {
    if (!earlier.has(p.reminder.agentId)) return true;
    result(p, "skipped", null, already(p.reminder.agentId));
    tick();
    return false;
  });
  if (input.dryRun) {
    for (const p of open) {
      result(p, p.channel ? "would_send" : "skipped", p.channel, p.reason);
      tick();
    }
    report.users = reminders.flatMap((r) => byAgent.get(r.agentId) ?? []);
    return report;
  }

  // Claim: one row per agent, `sending`; a row already sent or sending (a concurrent run) is left alone.
  if (open.length > 0) {
    const claimed = await ctx.db
      .insert(reminderSends)
      .values(
        open.map((p) => ({
          workspaceId: ws,
          runKey,
          agentId: p.reminder.agentId,
          channel: p.channel ?? "none",
          status: "sending",
          detail: null,
          ticketCount: p.reminder.total,
          sentAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [reminderSends.workspaceId, reminderSends.runKey, reminderSends.agentId],
        set: {
          status: "sending",
          channel: sql`excluded.channel`,
          ticketCount: sql`excluded.ticket_count`,
          detail: null,
          sentAt: now,
        },
        setWhere: sql`${reminderSends.status} in ('skipped','failed')`,
      })
      .returning({ agentId: reminderSends.agentId });
    const mine = new Set(claimed.map((c) => c.agentId));
    open = open.filter((p) => {
      if (mine.has(p.reminder.agentId)) return true;
      result(p, "skipped", null, already(p.reminder.agentId));
      tick();
      return false;
    });
  }
  const outcome = new Map<string, { status: string; channel: string; detail: string | null }>();
  const settle = (
    p: Plan,
    status: ReminderStatus,
    channel: Plan["channel"],
    reason: string | null,
    detail?: string,
  ) => {
    result(p, status, channel, reason);
    outcome.set(p.reminder.agentId, { status, channel: channel ?? "none", detail: detail ?? reason });
    tick();
  };

  const viaEmail: Plan[] = [];
  const bySlack = open.filter((p) => p.channel === "slack");
  if (env.slack && bySlack.length > 0) {
    const batch = await slackBatch(
      ctx.db,
      env.slack,
      ws,
      bySlack.map((p) => p.reminder.email),
      now,
    );
    try {
      await pool(bySlack, SLACK_CONCURRENCY, async (p) => {
        try {
          const sent = await batch.send(p.reminder.email, reminderSlackMessage(p.reminder, env.publicUrl));
          if (sent.status === "sent") settle(p, "sent", "slack", null, `${sent.channel} ${sent.ts}`);
          else if (p.emailOk) viaEmail.push(p);
          else settle(p, "skipped", "slack", sent.reason);
        } catch (err) {
          settle(p, "failed", "slack", `Slack: ${(err as Error).message}`);
        }
      });
    } finally {
      await batch.flush();
    }
  }
  for (const p of open) {
    if (p.channel === "email") viaEmail.push(p);
    else if (p.channel === null) settle(p, "skipped", null, p.reason);
  }
  if (viaEmail.length > 0) {
    try {
      const queued = await ctx.db.transaction(async (tx) => {
        const out: string[] = [];
        for (const p of viaEmail) {
          const mail = reminderEmail(p.reminder, env.publicUrl);
          const email = await queueEmail(tx, ctx, env.email, {
            kind: "notification",
            dedupeKey: `reminder:${runKey}:${p.reminder.agentId}`,
            to: [p.reminder.email],
            ...mail,
          });
          out.push(email.id);
        }
        return out;
      });
      viaEmail.forEach((p, i) => {
        settle(p, "sent", "email", null, `queued email ${queued[i]}`);
      });
    } catch (err) {
      for (const p of viaEmail) settle(p, "failed", "email", `email: ${(err as Error).message}`);
    }
  }
  if (outcome.size > 0) {
    const values = [...outcome].map(([agentId, o]) => ({ agent_id: agentId, ...o }));
    await ctx.db.execute(sql`
      update reminder_sends r set status = v.status, channel = v.channel, detail = v.detail
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(agent_id uuid, status text, channel text, detail text)
      where r.workspace_id = ${ws} and r.run_key = ${runKey} and r.agent_id = v.agent_id and r.status = 'sending'`);
  }
  report.users = reminders.flatMap((r) => byAgent.get(r.agentId) ?? []);
  return report;
}
