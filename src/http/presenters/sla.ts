import type { SlaClockView, SlaPolicyView, SlaTargetView, TicketSlaView } from "../../../common/api/sla.js";
import { type AuthContext, can, type SlaPolicy, type TicketSla, type TicketSlaClock } from "../../lib/index.js";

type Target = NonNullable<SlaPolicy["targets"]["resolution"]>;

function presentTarget(t: Target | undefined): SlaTargetView | null {
  if (!t) return null;
  return { minutes: t.minutes ?? null, byPriority: t.byPriority ?? null, business: t.business };
}

/**
 * A policy (or the built-in default, `id: null`) as the API shows it;
 * `calendars` names the calendars by id (a policy stores only the id).
 */
export function presentSlaPolicy(
  p: SlaPolicy,
  auth: AuthContext,
  calendars: ReadonlyMap<string, string> = new Map(),
): SlaPolicyView {
  const builtIn = p.id === null;
  const manage = !builtIn && auth.scope === "write" && can(auth.actor, "automation:manage");
  return {
    id: p.id,
    name: p.name,
    builtIn,
    position: builtIn ? null : p.position,
    enabled: p.enabled,
    condition: p.condition,
    calendar: p.calendarId ? { id: p.calendarId, name: calendars.get(p.calendarId) ?? p.calendarId } : null,
    targets: {
      firstResponse: presentTarget(p.targets.firstResponse),
      nextResponse: presentTarget(p.targets.nextResponse),
      resolution: presentTarget(p.targets.resolution),
    },
    pauseStatuses: [...p.pauseStatuses],
    warningShare: p.warningShare,
    escalations: p.escalations.map((e, i) => ({
      level: i + 1,
      afterBreachMinutes: e.afterBreachMinutes,
      actions: e.actions.map((a) => ({ ...a })),
    })),
    updatedAt: p.updatedAt ? p.updatedAt.toISOString() : null,
    can: { update: manage, delete: manage },
  };
}

function presentClock(c: TicketSlaClock): SlaClockView {
  return {
    metric: c.metric,
    state: c.state,
    targetMinutes: c.targetMinutes,
    business: c.business,
    calendar: c.calendar,
    startedAt: c.startedAt,
    dueAt: c.dueAt,
    remainingMs: c.remainingMs,
    warnedAt: c.warnedAt,
    breachedAt: c.breachedAt,
    metAt: c.metAt,
    breached: c.breachedAt !== null || (c.metAt === null && c.remainingMs < 0),
    met: c.metAt !== null && c.breachedAt === null,
    escalationLevel: c.escalationLevel,
  };
}

/** A ticket's SLA (staff only: the route refuses customers). */
export function presentTicketSla(s: TicketSla): TicketSlaView {
  return {
    ticketId: s.ticketId,
    policy: { id: s.policy.id, name: s.policy.name, builtIn: s.policy.id === null },
    escalationLevel: s.escalationLevel,
    clocks: s.clocks.map(presentClock),
  };
}
