/** Shared helpers of the automation integration tests. */
import type { Helpdesk } from "../../src/lib/index.js";

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export interface OutboxRow {
  type: string;
  actor: { type: string; rule?: { id: string; name: string; depth: number } };
  payload: Record<string, unknown>;
}

/** Outbox events of the workspace of these types, oldest first. */
export async function outbox(ws: Helpdesk, ...types: string[]): Promise<OutboxRow[]> {
  const { rows } = await ws.database.executeSql(
    "select type, actor, payload from outbox_events where workspace_id = $1 and type = any($2) order by seq",
    [ws.workspace.id, types],
  );
  return rows as unknown as OutboxRow[];
}

/** Names of the agents each notification.requested event was for. */
export async function notified(ws: Helpdesk): Promise<string[][]> {
  const rows = await outbox(ws, "notification.requested");
  return rows.map((r) => (r.payload.recipients as { name: string }[]).map((x) => x.name));
}

export async function agentDesk(ws: Helpdesk, name: string, role: "agent" | "manager" | "superadmin" = "agent") {
  const a = await ws.people.createAgent({ email: `${name.toLowerCase()}@desk.test`, name, role });
  return { agent: a, desk: ws.as({ type: "agent", id: a.id, role }) };
}

/** A fresh workspace without the default rules, so a test sees only its own. */
export async function withoutDefaults(ws: Helpdesk): Promise<Helpdesk> {
  for (const r of (await ws.automation.rules.list()).items) await ws.automation.rules.delete(r.id);
  return ws;
}

/** A rule firing on ticket creation (the usual shape in these tests). */
export const onCreate = (name: string, actions: unknown[], extra: Record<string, unknown> = {}) => ({
  name,
  trigger: { type: "event" as const, events: ["ticket.created" as const] },
  actions: actions as never,
  ...extra,
});
