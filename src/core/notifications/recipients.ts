import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { agents, customers, teams, tickets, timelineEntries } from "../../db/schema/index.js";
import type { Ctx, DomainEvent } from "../kernel/index.js";
import { readWorkspaceSettings, workspaceInfo } from "../people/index.js";
import { formatNumber } from "../tickets/index.js";
import { mentionedAgents } from "./mentions.js";
import type { NotificationKind, NotifyEnv, Recipient, RecipientReason } from "./types.js";

/** What the matrix needs to know about the ticket an event is about. */
export interface TicketFacts {
  id: string;
  number: string;
  subject: string;
  status: string;
  priority: string;
  urgency: string;
  importance: string;
  creator: { type: string; id: string | null };
  requesterId: string | null;
  assigneeId: string | null;
  teamId: string | null;
}

/**
 * One notification of an event: its kind, who gets it, and whose point of view
 * the wording takes (`assignee`: "assigned to you"; `customer`: the requester's
 * acknowledgement; `staff`: everyone else).
 */
export interface RecipientGroup {
  kind: NotificationKind;
  audience: "staff" | "assignee" | "customer";
  recipients: Recipient[];
}

export interface RecipientPlan {
  ticket: TicketFacts | null;
  groups: RecipientGroup[];
}

/** Events told to creator + assignee as "updated". */
const UPDATE_EVENTS = new Set([
  "ticket.updated",
  "ticket.status_changed",
  "ticket.message_added",
  "ticket.note_added",
  "ticket.escalated",
  "ticket.reopened",
]);

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

function factsFromSnapshot(snap: Record<string, unknown>): TicketFacts | null {
  const id = str(snap.id);
  if (!id) return null;
  const creator = (snap.creator ?? {}) as { type?: unknown; id?: unknown };
  return {
    id,
    number: str(snap.number) ?? "",
    subject: str(snap.subject) ?? "",
    status: str(snap.status) ?? "",
    priority: str(snap.priority) ?? "",
    urgency: str(snap.urgency) ?? "",
    importance: str(snap.importance) ?? "",
    creator: { type: str(creator.type) ?? "system", id: str(creator.id) },
    requesterId: str(snap.requesterId),
    assigneeId: str(snap.assigneeId),
    teamId: str(snap.teamId),
  };
}

async function loadFacts(tx: Tx, workspaceId: string, ticketId: string): Promise<TicketFacts | null> {
  const [row] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.id, ticketId)));
  if (!row) return null;
  const info = await workspaceInfo(tx, tx, workspaceId);
  const levels = ["critical", "high", "medium", "low"];
  return {
    id: row.id,
    number: formatNumber(info.ticketPrefix, row.number),
    subject: row.subject,
    status: row.status,
    priority: levels[row.priority - 1] ?? String(row.priority),
    urgency: row.urgency,
    importance: row.importance,
    creator: { type: row.creatorType, id: row.creatorId },
    requesterId: row.requesterId,
    assigneeId: row.assigneeId,
    teamId: row.teamId,
  };
}

/** The ticket as the event saw it (its snapshot), else as it is now. */
export async function ticketFactsOf(tx: Tx, event: DomainEvent): Promise<TicketFacts | null> {
  const snap = event.payload.ticket;
  const full = snap && typeof snap === "object" && "creator" in snap;
  if (full) return factsFromSnapshot(snap as Record<string, unknown>);
  if (event.subjectType !== "ticket") return null;
  return loadFacts(tx, event.workspaceId, event.subjectId);
}

/** Recipients gathered by key, each once with every reason. */
class Audience {
  readonly byKey = new Map<string, Recipient>();
  add(r: Omit<Recipient, "reasons">, reason: RecipientReason): void {
    const key = r.type === "address" || !r.id ? `email:${r.email}` : `${r.type}:${r.id}`;
    const had = this.byKey.get(key);
    if (had) {
      if (!had.reasons.includes(reason)) had.reasons.push(reason);
    } else this.byKey.set(key, { ...r, reasons: [reason] });
  }
  merge(other: Audience): void {
    for (const r of other.byKey.values()) for (const reason of r.reasons) this.add(r, reason);
  }
  drop(keys: Iterable<string>): void {
    for (const k of keys) this.byKey.delete(k);
  }
  get list(): Recipient[] {
    return [...this.byKey.values()];
  }
}

/** Active agents of the workspace with these ids. */
async function activeAgents(tx: Tx, ws: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
  if (wanted.length === 0) return new Map<string, { id: string; email: string; name: string }>();
  const rows = await tx
    .select({ id: agents.id, email: agents.email, name: agents.name })
    .from(agents)
    .where(and(eq(agents.workspaceId, ws), eq(agents.active, true), inArray(agents.id, wanted)));
  return new Map(rows.map((r) => [r.id, r]));
}

const agentRecipient = (a: { id: string; email: string; name: string }) => ({
  type: "agent" as const,
  id: a.id,
  email: a.email.toLowerCase(),
  name: a.name,
});

/** Seed 000's admin: every active superadmin, plus HELPLINE_ADMIN_EMAIL (as that agent when it is one). */
async function addAdmins(tx: Tx, ws: string, env: NotifyEnv, into: Audience): Promise<void> {
  const supers = await tx
    .select({ id: agents.id, email: agents.email, name: agents.name })
    .from(agents)
    .where(and(eq(agents.workspaceId, ws), eq(agents.active, true), eq(agents.role, "superadmin")));
  for (const a of supers) into.add(agentRecipient(a), "admin");
  const extra = env.adminEmail?.trim().toLowerCase();
  if (!extra || supers.some((a) => a.email.toLowerCase() === extra)) return;
  const [agent] = await tx
    .select({ id: agents.id, email: agents.email, name: agents.name, active: agents.active })
    .from(agents)
    .where(and(eq(agents.workspaceId, ws), eq(agents.email, extra)));
  if (agent) {
    if (agent.active) into.add(agentRecipient(agent), "admin");
  } else into.add({ type: "address", id: null, email: extra, name: null }, "admin");
}

async function addAgents(tx: Tx, ws: string, into: Audience, wanted: [string | null, RecipientReason][]) {
  const found = await activeAgents(
    tx,
    ws,
    wanted.map(([id]) => id),
  );
  for (const [id, reason] of wanted) {
    const a = id ? found.get(id) : undefined;
    if (a) into.add(agentRecipient(a), reason);
  }
}

/** The requester (or customer creator), when customers are told and they have an address. */
async function customerAudience(tx: Tx, ws: string, t: TicketFacts): Promise<Audience> {
  const out = new Audience();
  const id = t.requesterId ?? (t.creator.type === "customer" ? t.creator.id : null);
  if (!id || !(await readWorkspaceSettings(tx, ws)).notifyCustomers) return out;
  const [c] = await tx
    .select({ id: customers.id, email: customers.email, name: customers.name })
    .from(customers)
    .where(and(eq(customers.workspaceId, ws), eq(customers.id, id)));
  if (c) out.add({ type: "customer", id: c.id, email: c.email.toLowerCase(), name: c.name }, "creator");
  return out;
}

/** The previous assignee of an assignment event, from its changes (else the payload's note of it). */
function previousAssignee(event: DomainEvent): { changed: boolean; from: string | null } {
  const changes = Array.isArray(event.payload.changes) ? (event.payload.changes as Record<string, unknown>[]) : [];
  const change = changes.find((c) => c.field === "assigneeId");
  if (change) return { changed: true, from: str(change.from) };
  return { changed: false, from: str(event.payload.previousAssigneeId) };
}

async function entryText(tx: Tx, event: DomainEvent): Promise<string> {
  const ids = event.payload.entryIds;
  const id = Array.isArray(ids) ? str(ids[0]) : null;
  if (!id) return str(event.payload.bodyPreview) ?? "";
  const [entry] = await tx
    .select({ body: timelineEntries.body })
    .from(timelineEntries)
    .where(and(eq(timelineEntries.workspaceId, event.workspaceId), eq(timelineEntries.id, id)));
  return entry?.body ?? "";
}

/**
 * Who hears about an event and as what (seed 000's matrix with seed 001's
 * additions): created → creator + admins (critical × critical → every active
 * agent, as `ticket.critical`); assigned → new assignee + creator (+ the previous
 * assignee); updates, messages, notes, escalations, reopenings → creator +
 * assignee, with @mentioned agents told as `mention` instead; resolved →
 * creator + admins; SLA warning/breach → assignee + team lead; a rule's notify →
 * its recipients. The requester hears "received" and "resolved" by email when the
 * workspace's `notifyCustomers` is on. Never the actor; inactive agents never.
 */
export async function recipientsFor(tx: Tx, ctx: Ctx, env: NotifyEnv, event: DomainEvent): Promise<RecipientPlan> {
  const ws = ctx.workspaceId;
  const ticket = await ticketFactsOf(tx, event);
  const plan: RecipientPlan = { ticket, groups: [] };
  if (!ticket) return plan;
  const actorKey = event.actor.type !== "system" && event.actor.id ? `${event.actor.type}:${event.actor.id}` : null;
  const creatorAgent = ticket.creator.type === "agent" ? ticket.creator.id : null;
  const push = (kind: NotificationKind, audience: RecipientGroup["audience"], a: Audience, keepActor = false) => {
    if (!keepActor && actorKey) a.drop([actorKey]);
    if (a.byKey.size > 0) plan.groups.push({ kind, audience, recipients: a.list });
  };
  const type = event.type;

  if (type === "ticket.created" || type === "ticket.resolved") {
    const staff = new Audience();
    await addAgents(tx, ws, staff, [[creatorAgent, "creator"]]);
    await addAdmins(tx, ws, env, staff);
    if (type === "ticket.created" && ticket.urgency === "critical" && ticket.importance === "critical") {
      const all = new Audience();
      const everyone = await tx
        .select({ id: agents.id, email: agents.email, name: agents.name })
        .from(agents)
        .where(and(eq(agents.workspaceId, ws), eq(agents.active, true)));
      for (const a of everyone) all.add(agentRecipient(a), "all_agents");
      all.merge(staff);
      push("ticket.critical", "staff", all);
    } else push(type, "staff", staff);
    // The requester's acknowledgement of their own new ticket is the point: it is not "their own action".
    push(type, "customer", await customerAudience(tx, ws, ticket), type === "ticket.created");
    return plan;
  }

  if (type === "ticket.assigned") {
    const prev = previousAssignee(event);
    if (!prev.changed || !ticket.assigneeId) {
      // A team change, or an unassignment: an update for creator and (previous) assignee.
      const updated = new Audience();
      await addAgents(tx, ws, updated, [
        [creatorAgent, "creator"],
        [ticket.assigneeId ?? prev.from, ticket.assigneeId ? "assignee" : "previous_assignee"],
      ]);
      push("ticket.updated", "staff", updated);
      return plan;
    }
    const assignee = new Audience();
    await addAgents(tx, ws, assignee, [
      [ticket.assigneeId, "assignee"],
      [creatorAgent === ticket.assigneeId ? creatorAgent : null, "creator"],
    ]);
    const others = new Audience();
    await addAgents(tx, ws, others, [
      [creatorAgent === ticket.assigneeId ? null : creatorAgent, "creator"],
      [prev.from === ticket.assigneeId ? null : prev.from, "previous_assignee"],
    ]);
    push("ticket.assigned", "assignee", assignee);
    push("ticket.assigned", "staff", others);
    return plan;
  }

  if (UPDATE_EVENTS.has(type)) {
    const updated = new Audience();
    await addAgents(tx, ws, updated, [
      [creatorAgent, "creator"],
      [ticket.assigneeId, "assignee"],
    ]);
    if (type === "ticket.message_added" || type === "ticket.note_added") {
      const mentioned = new Audience();
      for (const a of await mentionedAgents(tx, ws, await entryText(tx, event))) {
        mentioned.add(agentRecipient(a), "mentioned");
      }
      if (actorKey) mentioned.drop([actorKey]);
      updated.drop(mentioned.byKey.keys());
      push("mention", "staff", mentioned);
    }
    push("ticket.updated", "staff", updated);
    return plan;
  }

  if (type === "sla.warning" || type === "sla.breached") {
    const told = new Audience();
    let lead: string | null = null;
    if (ticket.teamId) {
      const [team] = await tx
        .select({ lead: teams.leadAgentId })
        .from(teams)
        .where(and(eq(teams.workspaceId, ws), eq(teams.id, ticket.teamId)));
      lead = team?.lead ?? null;
    }
    await addAgents(tx, ws, told, [
      [ticket.assigneeId, "assignee"],
      [lead, "team_lead"],
    ]);
    push(type, "staff", told);
    return plan;
  }

  if (type === "notification.requested") {
    const list = Array.isArray(event.payload.recipients) ? (event.payload.recipients as Record<string, unknown>[]) : [];
    const told = new Audience();
    await addAgents(
      tx,
      ws,
      told,
      list.map((r) => [str(r.id), "requested"]),
    );
    push("automation", "staff", told);
  }
  return plan;
}
