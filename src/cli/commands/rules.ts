import { readFileSync } from "node:fs";
import {
  type AutomationRule,
  DomainError,
  type RuleFiring,
  type RuleListItem,
  type RuleTestResult,
  type Trigger,
} from "../../lib/index.js";
import type { CommandContext } from "../context.js";
import { table } from "../output.js";

/** The JSON of `--file <path>` (`-` reads standard input): the same object the API takes. */
export function readRuleFile(path: string): Record<string, unknown> {
  const bad = (code: string, message: string) => new DomainError("validation", code, message, "file");
  let text: string;
  try {
    text = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (err) {
    throw bad("cli.file_unreadable", `--file ${path}: cannot read it (${(err as Error).message}).`);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new Error("expected a JSON object");
    }
    return value as Record<string, unknown>;
  } catch (err) {
    throw bad("cli.file_not_json", `--file ${path}: not a JSON object (${(err as Error).message}).`);
  }
}

/** "2 h", "3 d", "90 min". */
function minutesText(m: number): string {
  if (m % 1440 === 0) return `${m / 1440} d`;
  if (m % 60 === 0) return `${m / 60} h`;
  return `${m} min`;
}

/** "on ticket.created, ticket.updated" or "3 d after status_changed". */
export function triggerText(t: Trigger): string {
  return t.type === "event" ? `on ${t.events.join(", ")}` : `${minutesText(t.afterMinutes)} after ${t.since}`;
}

const actionsText = (r: AutomationRule) => r.actions.map((a) => a.type).join(", ");

/** `helpline rules list`: the rules in firing order with how often each fired. */
export async function rulesList(ctx: CommandContext): Promise<void> {
  const page = await ctx.withDesk((desk) => desk.automation.rules.list());
  ctx.out.result(page, () => {
    if (page.items.length === 0) return "No automation rules: helpline rules create --file rule.json";
    const rows = page.items.map((r: RuleListItem) => [
      r.name,
      r.enabled ? "on" : "off",
      triggerText(r.trigger),
      r.condition || "(every ticket)",
      actionsText(r),
      r.fireCount,
    ]);
    return table(["NAME", "STATE", "TRIGGER", "CONDITION", "ACTIONS", "FIRED"], rows);
  });
}

function ruleLines(r: RuleListItem | AutomationRule): string {
  const stats =
    "fireCount" in r
      ? [`fired:     ${r.fireCount}${r.lastFiredAt ? ` (last ${r.lastFiredAt.toISOString()})` : ""}`]
      : [];
  return [
    `${r.name}${r.enabled ? "" : " (disabled)"}`,
    ...(r.description ? [`  ${r.description}`] : []),
    `trigger:   ${triggerText(r.trigger)}${r.oncePerTicket ? ", once per ticket" : ""}`,
    `condition: ${r.condition || "(every ticket)"}`,
    "actions:",
    ...r.actions.map((a) => `  - ${JSON.stringify(a)}`),
    ...stats,
  ].join("\n");
}

/** `helpline rules show <rule>`. */
export async function rulesShow(ctx: CommandContext, ref: string): Promise<void> {
  const rule = await ctx.withDesk((desk) => desk.automation.rules.get(ref));
  ctx.out.result(rule, () => ruleLines(rule));
}

/** `helpline rules create --file rule.json` (managers). */
export async function rulesCreate(ctx: CommandContext, o: { file: string }): Promise<void> {
  const input = readRuleFile(o.file);
  const rule = await ctx.withDesk((desk) => desk.automation.rules.create(input as never));
  ctx.out.result(rule, () => `Created rule "${rule.name}"\n${ruleLines(rule)}`);
}

/** `helpline rules update <rule> --file changes.json` (managers). */
export async function rulesUpdate(ctx: CommandContext, ref: string, o: { file: string }): Promise<void> {
  const input = readRuleFile(o.file);
  const rule = await ctx.withDesk((desk) => desk.automation.rules.update(ref, input as never));
  ctx.out.result(rule, () => `Updated rule "${rule.name}"\n${ruleLines(rule)}`);
}

/** `helpline rules enable|disable <rule>` (managers). */
export async function rulesSetEnabled(ctx: CommandContext, ref: string, enabled: boolean): Promise<void> {
  const rule = await ctx.withDesk((desk) =>
    enabled ? desk.automation.rules.enable(ref) : desk.automation.rules.disable(ref),
  );
  ctx.out.result(rule, () => `Rule "${rule.name}" is ${enabled ? "enabled" : "disabled"}`);
}

/** `helpline rules delete <rule>` (managers). */
export async function rulesDelete(ctx: CommandContext, ref: string): Promise<void> {
  const rule = await ctx.withDesk((desk) => desk.automation.rules.delete(ref));
  ctx.out.result(rule, () => `Deleted rule "${rule.name}" (its firings stay in the log)`);
}

/** `helpline rules test <rule> <ticket>` or `helpline rules test --file draft.json <ticket>`: the dry run. */
export async function rulesTest(
  ctx: CommandContext,
  ruleRef: string | undefined,
  ticket: string,
  o: { file?: string },
): Promise<void> {
  if ((ruleRef === undefined) === (o.file === undefined)) {
    throw new DomainError(
      "validation",
      "cli.rule_required",
      "rules test: name a saved rule (helpline rules test <rule> <ticket>) or a draft (--file draft.json <ticket>), not both.",
      "rule",
    );
  }
  const rule = o.file === undefined ? (ruleRef as string) : readRuleFile(o.file);
  const result: RuleTestResult = await ctx.withDesk((desk) => desk.automation.test(rule, ticket));
  ctx.out.result(result, () =>
    [
      `${result.rule.name} on ${result.ticket.number}: ${result.wouldFire ? "WOULD FIRE" : "would not fire"}`,
      ...result.reasons.map((r) => `  ${r}`),
      "actions (if it fired now):",
      ...result.actions.map((a) => `  - ${a.summary}`),
      "(dry run: nothing was changed)",
    ].join("\n"),
  );
}

/** `helpline rules firings [ticket]`: the firing log, newest first. */
export async function rulesFirings(
  ctx: CommandContext,
  ticket: string | undefined,
  o: { rule?: string; limit?: string },
): Promise<void> {
  const page = await ctx.withDesk((desk) =>
    desk.automation.firings(ticket, {
      ...(o.rule ? { rule: o.rule } : {}),
      ...(o.limit ? { limit: Number(o.limit) } : {}),
    }),
  );
  ctx.out.result(page, () => {
    if (page.items.length === 0) return "No firings.";
    const rows = page.items.map((f: RuleFiring) => [
      f.firedAt.toISOString(),
      f.ruleName,
      f.depth,
      f.outcome.ok ? f.outcome.actions.map((a) => a.summary).join("; ") : `FAILED: ${f.outcome.error.message}`,
    ]);
    return table(["FIRED AT", "RULE", "DEPTH", "OUTCOME"], rows, 80);
  });
}
