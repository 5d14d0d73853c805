import { readFileSync } from "node:fs";
import {
  type CreatePolicyInput,
  DEFAULT_POLICY,
  DomainError,
  type SlaPolicy,
  type TicketSla,
  type TicketSlaClock,
  type UpdatePolicyInput,
} from "../../lib/index.js";
import type { CommandContext } from "../context.js";
import { table } from "../output.js";

type Target = NonNullable<SlaPolicy["targets"]["resolution"]>;

const bad = (code: string, message: string) => new DomainError("validation", code, message, "file");

/** The JSON body of `--file <path>` (`-` reads standard input): the same object the API takes. */
export function readPolicyFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (err) {
    throw bad("cli.file_unreadable", `--file ${path}: cannot read it (${(err as Error).message}).`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw bad("cli.file_not_json", `--file ${path}: not valid JSON (${(err as Error).message}).`);
  }
}

/** 45 → "45 min", 60 → "1 h", 90 → "1 h 30 min", 10080 → "168 h". */
export function duration(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

function targetText(label: string, t: Target | undefined, calendar: string | null): string | null {
  if (!t) return null;
  let amount: string;
  if (t.minutes !== undefined) amount = duration(t.minutes);
  else {
    const p = t.byPriority ?? { critical: 0, high: 0, medium: 0, low: 0 };
    const all = [p.critical, p.high, p.medium, p.low];
    amount = all.every((m) => m % 60 === 0)
      ? `by priority ${all.map((m) => m / 60).join("/")} h`
      : `by priority ${all.map(duration).join(" / ")}`;
  }
  const measure = t.business ? ` (business${calendar ? `: ${calendar}` : ""})` : "";
  return `${label} ${amount}${measure}`;
}

/** "first response 1 h (business) · resolution by priority 4/24/72/168 h". */
export function targetsText(p: SlaPolicy, calendar: string | null = null): string {
  return [
    targetText("first response", p.targets.firstResponse, calendar),
    targetText("next response", p.targets.nextResponse, calendar),
    targetText("resolution", p.targets.resolution, calendar),
  ]
    .filter((t) => t !== null)
    .join(" · ");
}

/** "1: at breach notify, escalate · 2: +1 h assign". */
export function escalationsText(p: SlaPolicy): string {
  if (p.escalations.length === 0) return "-";
  return p.escalations
    .map((e, i) => {
      const when = e.afterBreachMinutes === 0 ? "at breach" : `+${duration(e.afterBreachMinutes)}`;
      return `${i + 1}: ${when} ${e.actions.map((a) => a.type).join(", ")}`;
    })
    .join(" · ");
}

/** `helpline sla policies`: the policies in the order they are tried, then the built-in default. */
export async function slaPoliciesList(ctx: CommandContext): Promise<void> {
  const { policies, calendars } = await ctx.withDesk(async (desk) => {
    const list = await desk.sla.policies.list();
    const cals = list.some((p) => p.calendarId) ? (await desk.calendars.list()).items : [];
    return { policies: list, calendars: new Map(cals.map((c) => [c.id, c.name])) };
  });
  const items = [
    ...policies.map((p) => ({ ...p, builtIn: false })),
    { ...DEFAULT_POLICY, position: null, builtIn: true },
  ];
  ctx.out.result({ items }, () => {
    const rows = [...policies, DEFAULT_POLICY].map((p) => [
      p.id === null ? "last" : p.position,
      `${p.name}${p.enabled ? "" : " (disabled)"}`,
      p.id === null ? "(when no policy matches)" : p.condition || "(every ticket)",
      targetsText(p, p.calendarId ? (calendars.get(p.calendarId) ?? p.calendarId) : null),
      p.pauseStatuses.join(", ") || "-",
      escalationsText(p),
    ]);
    return table(["#", "NAME", "CONDITION", "TARGETS", "PAUSED IN", "ESCALATION LEVELS"], rows, 90);
  });
}

const policyLine = (verb: string, p: SlaPolicy) =>
  `${verb} SLA policy "${p.name}" (position ${p.position}): ${targetsText(p)}`;

/** `helpline sla policies add --file policy.json`. */
export async function slaPoliciesAdd(ctx: CommandContext, o: { file: string }): Promise<void> {
  const input = readPolicyFile(o.file);
  const policy = await ctx.withDesk((desk) => desk.sla.policies.create(input as CreatePolicyInput));
  ctx.out.result(policy, () => policyLine("Added", policy));
}

/** `helpline sla policies update <ref> --file changes.json` (only the fields given change). */
export async function slaPoliciesUpdate(ctx: CommandContext, ref: string, o: { file: string }): Promise<void> {
  const input = readPolicyFile(o.file);
  const policy = await ctx.withDesk((desk) => desk.sla.policies.update(ref, input as UpdatePolicyInput));
  ctx.out.result(policy, () => policyLine("Updated", policy));
}

/** `helpline sla policies remove <ref>`. */
export async function slaPoliciesRemove(ctx: CommandContext, ref: string): Promise<void> {
  const result = await ctx.withDesk((desk) => desk.sla.policies.delete(ref));
  ctx.out.result(result, () => {
    const moved = result.reevaluated === 1 ? "1 open ticket" : `${result.reevaluated} open tickets`;
    return `Removed SLA policy "${result.deleted}" (${moved} re-evaluated)`;
  });
}

const METRIC_LABEL: Record<TicketSlaClock["metric"], string> = {
  first_response: "first response",
  next_response: "next response",
  resolution: "resolution",
};

const fmtDate = (iso: string | null) => (iso ? iso.replace("T", " ").slice(0, 16) : "-");

function remainingText(c: TicketSlaClock): string {
  if (c.state === "stopped") return "-";
  const minutes = c.remainingMs / 60_000;
  return minutes < 0 ? `over by ${duration(minutes)}` : duration(minutes);
}

function resultText(c: TicketSlaClock): string {
  if (c.breachedAt) return c.escalationLevel > 0 ? `breached (escalation ${c.escalationLevel})` : "breached";
  if (c.metAt) return "met";
  if (c.remainingMs < 0) return "overdue";
  if (c.state === "stopped") return "stopped";
  if (c.warnedAt) return "warning";
  return "on track";
}

export function ticketSlaText(number: string, s: TicketSla): string {
  const policy = s.policy.id === null ? `${s.policy.name} (built in)` : `"${s.policy.name}"`;
  const head = `${number} · SLA policy ${policy} · escalation level ${s.escalationLevel}`;
  if (s.clocks.length === 0) {
    return `${head}\nNo SLA clocks yet: they start when the worker (helpline start or helpline worker) processes the ticket's events.`;
  }
  const rows = s.clocks.map((c) => [
    METRIC_LABEL[c.metric],
    c.state,
    `${duration(c.targetMinutes)}${c.business ? ` (business${c.calendar ? `: ${c.calendar}` : ""})` : ""}`,
    fmtDate(c.dueAt),
    remainingText(c),
    resultText(c),
  ]);
  return `${head}\n${table(["CLOCK", "STATE", "TARGET", "DUE (UTC)", "REMAINING", "RESULT"], rows, 60)}`;
}

/** `helpline sla show TKT-1001`: the ticket's policy and each clock. */
export async function slaShow(ctx: CommandContext, ref: string): Promise<void> {
  const { number, sla } = await ctx.withDesk(async (desk) => ({
    number: (await desk.tickets.get(ref)).number,
    sla: await desk.sla.forTicket(ref),
  }));
  ctx.out.result({ number, ...sla }, () => ticketSlaText(number, sla));
}
