import type { Command } from "commander";
import { REMINDER_SECTIONS, type ReminderReport, type ReminderUserReport } from "../../lib/index.js";
import { type CommandContext, commandContext, type GlobalOptions } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { table } from "../output.js";
import { type Progress, progressBar } from "../progress.js";

export interface SendOptions {
  dryRun?: boolean;
  user?: string;
}

const SHORT: Record<(typeof REMINDER_SECTIONS)[number], string> = {
  open: "open",
  inProgress: "in progress",
  personal: "personal",
  pendingProduction: "pending production",
};

const STATUS_WORD: Record<ReminderUserReport["status"], string> = {
  sent: "sent",
  would_send: "would send",
  skipped: "skipped",
  failed: "FAILED",
};

function tickets(u: ReminderUserReport): string {
  const parts = REMINDER_SECTIONS.filter((s) => u.sections[s] > 0).map((s) => `${u.sections[s]} ${SHORT[s]}`);
  return parts.join(", ") || "none";
}

/** What a person reads: one row per agent, then a summary line. */
export function formatReminderReport(report: ReminderReport): string {
  const head = `Daily reminders for ${report.runKey}${report.dryRun ? " (dry run: nothing sent, nothing written)" : ""}`;
  if (report.users.length === 0)
    return `${head}\nNobody has open, in-progress, personal or pending-production tickets.`;
  const rows = report.users.map((u) => [
    STATUS_WORD[u.status],
    u.email,
    u.channel ?? "",
    tickets(u),
    u.reason ?? (u.channel === "slack" ? "Slack DM" : u.channel === "email" ? "email (outbox)" : ""),
  ]);
  const count = (s: ReminderUserReport["status"]) => report.users.filter((u) => u.status === s).length;
  const summary = report.dryRun
    ? `${count("would_send")} would be sent, ${count("skipped")} skipped`
    : `${count("sent")} sent, ${count("skipped")} skipped, ${count("failed")} failed`;
  return [head, table(["STATUS", "AGENT", "CHANNEL", "TICKETS", "WHY"], rows, 120), summary].join("\n");
}

/** `helpline reminders send [--dry-run] [--user EMAIL]`: exit 9 when a reminder could not be sent. */
export async function remindersSend(ctx: CommandContext, o: SendOptions): Promise<number> {
  let bar: Progress | undefined;
  const report = await ctx.withDesk((desk) =>
    desk.notifications.reminders.send(
      { dryRun: o.dryRun === true, ...(o.user ? { user: o.user } : {}) },
      {
        onProgress(_done, total) {
          // Only worth a bar for long runs (and never in the way of --json on stdout: it is stderr).
          if (!bar && total >= 20) bar = progressBar("reminders", total);
          bar?.tick();
        },
      },
    ),
  );
  bar?.done();
  ctx.out.result(report, () => formatReminderReport(report));
  return report.users.some((u) => u.status === "failed") ? EXIT.checkFailed : EXIT.ok;
}

/** `helpline reminders send`, on the program. */
export function registerReminders(
  cli: Command,
  run: (name: string, fn: (g: GlobalOptions) => Promise<unknown>) => Promise<void>,
): void {
  const reminders = cli
    .command("reminders")
    .description("seed 000's daily reminders: each agent's open, in-progress, personal and pending-production tickets");
  reminders
    .command("send")
    .description(
      "send today's reminders now (Slack DM, else email by preference); at most once per agent per day; managers",
    )
    .option("--dry-run", "show what would be sent to whom; send and write nothing")
    .option("--user <email>", "only this agent (email or id)")
    .action((o: SendOptions) => run("reminders send", (go) => remindersSend(commandContext(go, "reminders send"), o)));
}
