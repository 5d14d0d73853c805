import type { CommandContext } from "../context.js";
import { table } from "../output.js";

const bar = (n: number, max: number, width = 24) => "█".repeat(max > 0 ? Math.round((n / max) * width) : 0);

/** `helpline report --days N`: seed 002's report, as a summary with bars or as JSON. */
export async function reportCommand(ctx: CommandContext, o: { days?: string }): Promise<void> {
  const days = o.days === undefined ? 7 : Number(o.days);
  const report = await ctx.withDesk((desk) => desk.reports.generate({ days }));
  ctx.out.result(report, () => {
    const pr = Object.entries(report.by_priority);
    const maxP = Math.max(...pr.map(([, v]) => Math.max(v.opened, v.resolved)));
    const load = Object.entries(report.open_by_assignee);
    const maxL = Math.max(0, ...load.map(([, n]) => n));
    return [
      `Last ${report.report_days} days (generated ${report.generated_at})`,
      `opened ${report.total_opened} · resolved ${report.total_resolved} · avg resolution ${report.avg_resolution_hours ?? "-"} h · SLA breach rate ${report.sla_breach_rate_pct}% · open now ${report.currently_open}`,
      "",
      table(
        ["PRIORITY", "OPENED", "RESOLVED", ""],
        pr.map(([k, v]) => [k, v.opened, v.resolved, bar(v.opened, maxP)]),
      ),
      "",
      load.length === 0
        ? "No open tickets."
        : table(
            ["ASSIGNEE", "OPEN", ""],
            load.map(([k, n]) => [k, n, bar(n, maxL)]),
          ),
    ].join("\n");
  });
}
