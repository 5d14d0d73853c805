import type { FiringView, RuleTestView, RuleView } from "../../../common/api/automation.js";
import { type AuthContext, can, type RuleFiring, type RuleListItem, type RuleTestResult } from "../../lib/index.js";

export function presentRule(r: RuleListItem, auth: AuthContext): RuleView {
  const manage = auth.scope === "write" && can(auth.actor, "automation:manage");
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    position: r.position,
    trigger: r.trigger.type === "event" ? { type: "event", events: [...r.trigger.events] } : { ...r.trigger },
    condition: r.condition,
    actions: r.actions.map((a) => ({ ...a })),
    oncePerTicket: r.oncePerTicket,
    fireCount: r.fireCount,
    lastFiredAt: r.lastFiredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    can: { update: manage, delete: manage },
  };
}

export function presentFiring(f: RuleFiring): FiringView {
  return {
    id: f.id,
    rule: { id: f.ruleId, name: f.ruleName },
    ticketId: f.ticketId,
    eventId: f.eventId,
    depth: f.depth,
    ok: f.outcome.ok,
    error: f.outcome.ok ? null : f.outcome.error,
    actions: f.outcome.actions.map((a) => ({ summary: a.summary, changed: a.changed })),
    firedAt: f.firedAt.toISOString(),
  };
}

export function presentRuleTest(t: RuleTestResult): RuleTestView {
  return {
    rule: t.rule,
    ticket: t.ticket,
    wouldFire: t.wouldFire,
    reasons: t.reasons,
    actions: t.actions.map((a) => ({ summary: a.summary, changed: a.changed })),
    dueAt: t.dueAt?.toISOString() ?? null,
  };
}
