/**
 * Who hears what (seed 000's matrix with seed 001's additions), through the
 * "notifications.fanout" listener and desk.runPending(): exact recipients per
 * case, nobody about their own action, inactive agents never, customers'
 * acknowledgements by email and their setting, and one delivery per event,
 * recipient and channel however often the event is delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { withoutDefaults } from "../automation/helpers.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

const clock = fixedClock(new Date("2026-03-02T09:00:00Z"));
const ADMIN = "boss@outside.example";
let t: TestDesk;

beforeAll(async () => {
  t = await openTestDesk({ clock, notify: { adminEmail: ADMIN, publicUrl: "https://desk.example/" } });
});
afterAll(async () => {
  await t.close();
});

type Role = "agent" | "manager" | "superadmin";
interface World {
  ws: Helpdesk;
  ids: Record<string, string>;
  as(name: string): Helpdesk;
  /** Readable recipients of the deliveries of one event type on one channel: agent names, addresses, customer:<email>. */
  heard(eventType: string, channel?: string, ticketId?: string): Promise<string[]>;
  rows(eventType: string): Promise<Record<string, unknown>[]>;
}

async function world(people: Record<string, Role> = {}): Promise<World> {
  const ws = await withoutDefaults(await isolatedWorkspace(t.desk));
  const ids: Record<string, string> = {};
  const roles: Record<string, Role> = { root: "superadmin", alice: "agent", bob: "agent", carol: "agent", ...people };
  for (const [name, role] of Object.entries(roles)) {
    ids[name] = (await ws.people.createAgent({ email: `${name}@desk.test`, name, role })).id;
  }
  const names = new Map(Object.entries(ids).map(([n, id]) => [`agent:${id}`, n]));
  const rows = async (eventType: string) =>
    (
      await ws.database.executeSql(
        `select d.kind, d.channel, d.recipient_key, d.status, d.content, d.ticket_id, c.email as customer_email
           from notification_deliveries d left join customers c on d.recipient_key = 'customer:' || c.id::text
          where d.workspace_id = $1 and d.event_type = $2 order by d.recipient_key, d.channel`,
        [ws.workspace.id, eventType],
      )
    ).rows;
  return {
    ws,
    ids,
    as: (name) => ws.as({ type: "agent", id: ids[name] as string, role: roles[name] as Role }),
    rows,
    async heard(eventType, channel = "in_app", ticketId) {
      const out = (await rows(eventType))
        .filter((r) => r.channel === channel && (!ticketId || r.ticket_id === ticketId))
        .map((r) => {
          const key = String(r.recipient_key);
          if (key.startsWith("customer:")) return `customer:${r.customer_email}`;
          return names.get(key) ?? key.replace(/^email:/, "");
        });
      return out.sort();
    },
  };
}

describe(`who hears what (${engineUnderTest})`, () => {
  it("created → the admins (every superadmin and HELPLINE_ADMIN_EMAIL), never the creator about their own ticket", async () => {
    const w = await world({ root2: "superadmin" });
    const ticket = await w.as("alice").tickets.create({ subject: "Printer on fire", priority: "medium" });
    await w.ws.runPending();
    expect(await w.heard("ticket.created")).toEqual(["root", "root2"]);
    expect(await w.heard("ticket.created", "email")).toEqual([ADMIN]);
    const [row] = (await w.rows("ticket.created")).filter((r) => r.channel === "in_app");
    expect(row?.kind).toBe("ticket.created");
    expect(row?.content).toMatchObject({
      title: `New ticket ${ticket.number}: Printer on fire`,
      url: `https://desk.example/tickets/${ticket.number}`,
      actor: "alice",
      reasons: ["admin"],
    });
    // The in-app centre has the row, linked to the ticket.
    const { rows: inApp } = await w.ws.database.executeSql(
      "select agent_id, title, link from notifications where workspace_id = $1 order by title",
      [w.ws.workspace.id],
    );
    expect(inApp.map((r) => r.agent_id).sort()).toEqual([w.ids.root, w.ids.root2].sort());
    expect(inApp[0]?.link).toBe(`/tickets/${ticket.number}`);
  });

  it("created by a superadmin: the other admins, not them; HELPLINE_ADMIN_EMAIL that is a superadmin is told once", async () => {
    const w = await world({ boss: "superadmin" });
    // HELPLINE_ADMIN_EMAIL belongs to a superadmin here: told as that agent, not as a bare address.
    const outside = await w.ws.people.createAgent({ email: ADMIN, name: "Boss Outside", role: "superadmin" });
    await w.as("root").tickets.create({ subject: "Network down", priority: "low" });
    await w.ws.runPending();
    const heard = await w.heard("ticket.created");
    expect(heard).toEqual(["boss", `agent:${outside.id}`].sort());
    expect(await w.heard("ticket.created", "email")).toEqual([]);
  });

  it("assigned → the new assignee and the creator; reassigned → also the previous assignee", async () => {
    const w = await world();
    const ticket = await w.as("alice").tickets.create({ subject: "VPN flaky", priority: "medium" });
    await w.as("root").tickets.assign(ticket.number, "bob@desk.test");
    await w.ws.runPending();
    const first = await w.rows("ticket.assigned");
    const inApp = first.filter((r) => r.channel === "in_app");
    expect(inApp.map((r) => [r.recipient_key, (r.content as { reasons: string[] }).reasons])).toEqual(
      [
        [`agent:${w.ids.alice}`, ["creator"]],
        [`agent:${w.ids.bob}`, ["assignee"]],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const toBob = inApp.find((r) => r.recipient_key === `agent:${w.ids.bob}`);
    expect((toBob?.content as { title: string } | undefined)?.title).toBe(
      `${ticket.number} assigned to you: VPN flaky`,
    );
    const toAlice = inApp.find((r) => r.recipient_key === `agent:${w.ids.alice}`);
    expect((toAlice?.content as { title: string } | undefined)?.title).toBe(
      `${ticket.number} assigned to bob: VPN flaky`,
    );

    await w.as("root").tickets.assign(ticket.number, "carol@desk.test");
    await w.ws.runPending();
    expect(await w.heard("ticket.assigned")).toEqual(["alice", "alice", "bob", "bob", "carol"]);
    const last = (await w.rows("ticket.assigned")).filter(
      (r) => r.channel === "in_app" && r.recipient_key === `agent:${w.ids.bob}`,
    );
    expect(last.map((r) => (r.content as { reasons: string[] }).reasons)).toContainEqual(["previous_assignee"]);
  });

  it("updated → creator and assignee, not the one who changed it; resolved → creator and admins", async () => {
    const w = await world();
    const ticket = await w.as("alice").tickets.create({ subject: "Mail bounces", priority: "medium" });
    await w.as("root").tickets.assign(ticket.number, "bob@desk.test");
    await w.as("bob").tickets.update(ticket.number, { category: "email" });
    await w.ws.runPending();
    expect(await w.heard("ticket.updated")).toEqual(["alice"]);
    await w.as("carol").tickets.addComment(ticket.number, { body: "Looked at it", internal: true });
    await w.ws.runPending();
    expect(await w.heard("ticket.note_added")).toEqual(["alice", "bob"]);
    await w.as("bob").tickets.updateStatus(ticket.number, "resolved");
    await w.ws.runPending();
    expect(await w.heard("ticket.resolved")).toEqual(["alice", "root"]);
    expect(await w.heard("ticket.resolved", "email")).toEqual([ADMIN]);
    const kinds = new Set((await w.rows("ticket.resolved")).map((r) => r.kind));
    expect([...kinds]).toEqual(["ticket.resolved"]);
  });

  it("critical urgency × critical importance → every active agent once, as ticket.critical", async () => {
    const w = await world({ gone: "agent" });
    await w.ws.people.updateAgent("gone@desk.test", { active: false });
    const ticket = await w.as("alice").tickets.create({
      subject: "Site down",
      urgency: "critical",
      importance: "critical",
    });
    await w.ws.runPending();
    expect(await w.heard("ticket.created")).toEqual(["bob", "carol", "root"]);
    const rows = await w.rows("ticket.created");
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["ticket.critical"]));
    const root = rows.find((r) => r.channel === "in_app" && r.recipient_key === `agent:${w.ids.root}`);
    expect(root?.content).toMatchObject({
      title: `CRITICAL: ${ticket.number} Site down`,
      reasons: ["all_agents", "admin"],
    });
    // Critical mail goes to everyone's address too (email is on for ticket.critical), once each.
    expect(await w.heard("ticket.created", "email")).toEqual([ADMIN, "bob", "carol", "root"].sort());
  });

  it("@mention → the mentioned agent as `mention` instead of `updated`", async () => {
    const w = await world();
    const ticket = await w.as("alice").tickets.create({ subject: "Disk full", priority: "medium" });
    await w.as("root").tickets.assign(ticket.number, "bob@desk.test");
    await w.as("root").tickets.addComment(ticket.number, {
      body: "@carol and @Alice@desk.test, can you look? @nobody",
      internal: true,
    });
    await w.ws.runPending();
    const rows = (await w.rows("ticket.note_added")).filter((r) => r.channel === "in_app");
    const byWho = Object.fromEntries(
      rows.map((r) => [
        Object.entries(w.ids).find(([, id]) => `agent:${id}` === r.recipient_key)?.[0],
        [r.kind, (r.content as { title: string }).title],
      ]),
    );
    expect(byWho).toEqual({
      alice: ["mention", `root mentioned you on ${ticket.number}`],
      carol: ["mention", `root mentioned you on ${ticket.number}`],
      bob: ["ticket.updated", `${ticket.number}: note from root`],
    });
  });

  it("SLA warning → the assignee and the lead of the ticket's team", async () => {
    const w = await world({ lead: "manager" });
    await w.ws.people.createTeam({ name: "Ops", lead: "lead@desk.test" });
    const ticket = await w.as("alice").tickets.create({ subject: "Slow", priority: "high", team: "Ops" });
    await w.as("root").tickets.assign(ticket.number, "bob@desk.test");
    await w.ws.runPending();
    const { rows } = await w.ws.database.executeSql(
      "select min(warn_at) as warn_at from ticket_sla_clocks where ticket_id = $1 and warned_at is null",
      [ticket.id],
    );
    const warnAt = new Date(String(rows[0]?.warn_at));
    expect(Number.isNaN(warnAt.getTime())).toBe(false);
    clock.set(new Date(warnAt.getTime() + 1000));
    try {
      await w.ws.runPending();
    } finally {
      clock.set(new Date("2026-03-02T09:00:00Z"));
    }
    expect(await w.heard("sla.warning")).toEqual(["bob", "lead"]);
    const [row] = (await w.rows("sla.warning")).filter((r) => r.channel === "in_app");
    expect((row?.content as { title: string } | undefined)?.title).toMatch(
      new RegExp(`^SLA warning: ${ticket.number} .+ due \\d\\d:\\d\\d$`),
    );
  });

  it("a rule's notify action → its recipients as `automation`, with the rule as actor", async () => {
    const w = await world();
    await w.ws.automation.rules.create({
      name: "Tell Carol",
      trigger: { type: "event", events: ["ticket.created"] },
      actions: [{ type: "notify", to: { users: ["carol@desk.test"] }, message: "Look at {{ticket.number}}" }],
    } as never);
    const ticket = await w.as("alice").tickets.create({ subject: "Anything", priority: "low" });
    await w.ws.runPending();
    expect(await w.heard("notification.requested")).toEqual(["carol"]);
    const [row] = (await w.rows("notification.requested")).filter((r) => r.channel === "in_app");
    expect(row?.kind).toBe("automation");
    expect(row?.content).toMatchObject({ text: `Look at ${ticket.number}`, actor: "Rule 'Tell Carol'" });
  });

  it("inactive agents hear nothing", async () => {
    const w = await world();
    const ticket = await w.as("alice").tickets.create({ subject: "Keyboard", priority: "low" });
    await w.as("root").tickets.assign(ticket.number, "bob@desk.test");
    await w.ws.people.updateAgent("bob@desk.test", { active: false });
    await w.as("root").tickets.update(ticket.number, { category: "hardware" });
    await w.ws.runPending();
    expect(await w.heard("ticket.updated")).toEqual(["alice"]);
  });

  it("the requester gets an email acknowledgement and word of the resolution, unless notifyCustomers is off", async () => {
    const w = await world();
    const ticket = await w.as("alice").tickets.create({
      subject: "Invoice wrong",
      priority: "low",
      requester: "Dana@Customer.example",
    });
    await w.as("bob").tickets.updateStatus(ticket.number, "resolved");
    await w.ws.runPending();
    expect(await w.heard("ticket.created", "email")).toEqual([ADMIN, "customer:dana@customer.example"]);
    expect(await w.heard("ticket.resolved", "email")).toEqual([ADMIN, "customer:dana@customer.example"]);
    const ack = (await w.rows("ticket.created")).find((r) => String(r.recipient_key).startsWith("customer:"));
    expect((ack?.content as { title: string } | undefined)?.title).toBe(`We received your request ${ticket.number}`);
    // Customers have no in-app centre and no Slack.
    expect((await w.rows("ticket.created")).filter((r) => String(r.recipient_key).startsWith("customer:")).length).toBe(
      1,
    );

    await w.ws.settings.update({ notifyCustomers: false });
    const quiet = await w
      .as("alice")
      .tickets.create({ subject: "Again", priority: "low", requester: "dana@customer.example" });
    await w.ws.runPending();
    expect(await w.heard("ticket.created", "email", quiet.id)).toEqual([ADMIN]);
  });

  it("delivers an event's notifications once, however often the event is delivered", async () => {
    const w = await world();
    const ticket = await w.as("alice").tickets.create({ subject: "Twice", priority: "low" });
    await w.as("root").tickets.assign(ticket.number, "bob@desk.test");
    await w.ws.runPending();
    const count = async () => {
      const { rows } = await w.ws.database.executeSql(
        "select (select count(*) from notification_deliveries where workspace_id = $1) as d, (select count(*) from notifications where workspace_id = $1) as n",
        [w.ws.workspace.id],
      );
      return [Number(rows[0]?.d), Number(rows[0]?.n)];
    };
    const before = await count();
    expect(before[0]).toBeGreaterThan(0);
    await w.ws.database.executeSql(
      `delete from listener_receipts where listener = 'notifications.fanout'
          and event_id in (select id from outbox_events where workspace_id = $1)`,
      [w.ws.workspace.id],
    );
    await w.ws.runPending();
    expect(await count()).toEqual(before);
  });
});
