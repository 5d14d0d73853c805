/**
 * Seed 004's API (`/api/tickets`, `/api/analytics`) over HTTP (Fastify inject):
 * public intake with rate limit and per-workspace switch, agent-only reads,
 * filters, status changes, analytics and bad input.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, customerUser, type TestUser, tokenFor } from "../http/as-user.js";

interface Setup {
  ws: Helpdesk;
  app: FastifyInstance;
  agent: TestUser;
  customer: TestUser;
}

const SEED_004_EXAMPLE = {
  subject: "URGENT: Database connection failed",
  message: "Our production database is down and customers cannot access their accounts. This is critical!",
  customer_email: "admin@company.com",
};
const ACCOUNT_EXAMPLE = {
  subject: "Cannot access my account",
  message: "I keep getting an error when trying to log in",
  customer_email: "user@example.com",
};

let t: TestDesk;
const apps: FastifyInstance[] = [];
let ipCounter = 0;

beforeAll(async () => {
  t = await openTestDesk();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await t?.close();
});

async function setup(opts: { teams?: boolean } = {}): Promise<Setup> {
  const ws = await isolatedWorkspace(t.desk);
  if (opts.teams) {
    const lead = await ws.people.createAgent({ email: `lead-${ws.workspace.slug}@desk.test`, name: "Erin Lead" });
    const dev = await ws.people.createAgent({ email: `dev-${ws.workspace.slug}@desk.test`, name: "Dev Dana" });
    const fin = await ws.people.createAgent({ email: `fin-${ws.workspace.slug}@desk.test`, name: "Finn Money" });
    const cs = await ws.people.createAgent({ email: `cs-${ws.workspace.slug}@desk.test`, name: "Cass Success" });
    await ws.people.createTeam({ name: "Finance", members: [fin.id], categories: ["billing", "payment"] });
    await ws.people.createTeam({
      name: "Engineering",
      lead: lead.id,
      members: [dev.id],
      categories: ["technical", "bug_report"],
    });
    await ws.people.createTeam({
      name: "Customer Success",
      members: [cs.id],
      categories: ["account", "general", "feature_request"],
    });
  }
  const app = await buildServer({ desk: ws, logLevel: "silent" });
  apps.push(app);
  return { ws, app, agent: await agentUser(ws), customer: await customerUser(ws) };
}

/** Every call from its own address unless told: the public POST is limited per IP. */
function post(s: Setup, payload: unknown, remoteAddress = `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`) {
  return s.app.inject({ method: "POST", url: "/api/tickets", payload: payload as object, remoteAddress });
}

async function ticketCount(ws: Helpdesk): Promise<number> {
  const res = await ws.database.executeSql("select count(*)::int as n from tickets where workspace_id = $1", [
    ws.workspace.id,
  ]);
  return Number(res.rows[0]?.n);
}

describe(`POST /api/tickets (${engineUnderTest})`, () => {
  it("creates, classifies and routes a ticket without credentials, in seed 004's shape", async () => {
    const s = await setup({ teams: true });
    const res = await post(s, SEED_004_EXAMPLE);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      id: "TKT-1001",
      subject: SEED_004_EXAMPLE.subject,
      message: SEED_004_EXAMPLE.message,
      customer_email: "admin@company.com",
      priority: "high",
      category: "technical",
      sentiment: "negative",
      sentiment_score: expect.any(Number),
      assigned_team: "Engineering",
      assigned_agent: "Erin Lead",
      status: "open",
      created_at: expect.any(String),
      updated_at: expect.any(String),
      estimated_resolution: "4 hours",
      estimated_resolution_hours: 4,
      estimated_resolution_at: expect.any(String),
    });
    expect(Date.parse(body.estimated_resolution_at) - Date.parse(body.created_at)).toBe(4 * 3_600_000);
    const ticket = await s.ws.tickets.get("TKT-1001");
    expect(ticket.channel).toBe("api");
    expect(ticket.priority).toBe("critical");
    expect(ticket.creator.type).toBe("system");
    expect((await s.ws.people.getCustomer("admin@company.com")).id).toBe(ticket.requesterId);
  });

  it("keeps the routing reason and sentiment from the requester's view of the timeline", async () => {
    const s = await setup({ teams: true });
    await post(s, SEED_004_EXAMPLE);
    const requester = await s.ws.people.getCustomer("admin@company.com");
    const token = await tokenFor(s.ws, { type: "customer", id: requester.id, email: requester.email });
    const timeline = async (authorization: string) => {
      const res = await s.app.inject({
        method: "GET",
        url: "/api/v1/tickets/TKT-1001/timeline",
        headers: { authorization },
      });
      expect(res.statusCode).toBe(200);
      return res.json().items as { kind: string; body: string; event: { action: string } | null }[];
    };
    const staff = await timeline(s.agent.headers.authorization);
    expect(staff.find((e) => e.event?.action === "routed")?.body).toMatch(/team Engineering; critical priority/);
    const own = await timeline(`Bearer ${token}`);
    expect(own.map((e) => e.event?.action ?? e.kind)).toEqual(["created", "message"]);
    expect(JSON.stringify(own)).not.toMatch(/Engineering|sentiment|Erin/);
  });

  it("routes seed 004's account example to Customer Success with medium priority", async () => {
    const s = await setup({ teams: true });
    const body = (await post(s, ACCOUNT_EXAMPLE)).json();
    expect(body).toMatchObject({
      category: "account",
      priority: "medium",
      assigned_team: "Customer Success",
      assigned_agent: "Cass Success",
      estimated_resolution: "72 hours",
    });
  });

  it("works on an empty workspace: no teams, so no team and no agent", async () => {
    const s = await setup();
    const res = await post(s, SEED_004_EXAMPLE);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ category: "technical", assigned_team: null, assigned_agent: null });
  });

  it("refuses the 11th ticket from one address within a minute with 429 and Retry-After", async () => {
    const s = await setup();
    for (let i = 0; i < 10; i++) {
      expect((await post(s, { ...ACCOUNT_EXAMPLE, subject: `Try ${i}` }, "203.0.113.7")).statusCode).toBe(201);
    }
    const limited = await post(s, ACCOUNT_EXAMPLE, "203.0.113.7");
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe("rate_limited");
    expect(await ticketCount(s.ws)).toBe(10);
    // Another address is not affected.
    expect((await post(s, ACCOUNT_EXAMPLE, "203.0.113.8")).statusCode).toBe(201);
  });

  it("refuses tickets with 403 intake.disabled when the workspace turned public intake off", async () => {
    const s = await setup();
    await s.ws.settings.update({ publicIntake: false });
    const res = await post(s, SEED_004_EXAMPLE);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("intake.disabled");
    expect(await ticketCount(s.ws)).toBe(0);
    await s.ws.settings.update({ publicIntake: true });
    expect((await post(s, SEED_004_EXAMPLE)).statusCode).toBe(201);
  });

  it.each([
    ["a missing customer_email", { subject: "Hi", message: "Hello" }, "customer_email"],
    ["an invalid email", { ...ACCOUNT_EXAMPLE, customer_email: "not-an-email" }, "customer_email"],
    ["an empty subject", { ...ACCOUNT_EXAMPLE, subject: "   " }, "subject"],
    ["a missing message", { subject: "Hi", customer_email: "a@b.co" }, "message"],
    ["a subject of the wrong type", { ...ACCOUNT_EXAMPLE, subject: 42 }, "subject"],
    ["an unknown field", { ...ACCOUNT_EXAMPLE, priority: "high" }, "priority"],
  ])("answers 400 naming the field for %s, and writes nothing", async (_what, payload, field) => {
    const s = await setup();
    const res = await post(s, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "input.invalid", field });
    expect(res.json().error.message).toContain(field);
    expect(await ticketCount(s.ws)).toBe(0);
  });
});

describe(`agent endpoints (${engineUnderTest})`, () => {
  const calls = [
    { method: "GET", url: "/api/tickets" },
    { method: "GET", url: "/api/tickets/TKT-1001" },
    { method: "PUT", url: "/api/tickets/TKT-1001/status", payload: { status: "resolved" } },
    { method: "GET", url: "/api/analytics" },
  ] as const;

  it("answer 401 without credentials and 403 to customers, and serve agents", async () => {
    const s = await setup();
    await post(s, SEED_004_EXAMPLE);
    const requester = await customerUser(s.ws);
    for (const call of calls) {
      const anon = await s.app.inject({ ...call });
      expect(anon.statusCode, `${call.method} ${call.url} anonymous`).toBe(401);
      for (const customer of [s.customer, requester]) {
        const res = await s.app.inject({ ...call, headers: customer.headers });
        expect(res.statusCode, `${call.method} ${call.url} as customer`).toBe(403);
      }
    }
    expect((await s.ws.tickets.get("TKT-1001")).status).toBe("open");
    for (const call of calls) {
      const res = await s.app.inject({ ...call, headers: s.agent.headers });
      expect(res.statusCode, `${call.method} ${call.url} as agent`).toBe(200);
    }
  });

  it("do not show one workspace's tickets to another workspace's agent", async () => {
    const a = await setup();
    const b = await setup();
    await post(a, SEED_004_EXAMPLE);
    const res = await a.app.inject({ method: "GET", url: "/api/tickets/TKT-1001", headers: b.agent.headers });
    expect(res.statusCode).toBe(404);
    const list = await b.app.inject({ method: "GET", url: "/api/tickets", headers: b.agent.headers });
    expect(list.json().tickets).toEqual([]);
  });

  it("filter by priority (high includes critical), category (technical includes bug reports) and status", async () => {
    const s = await setup();
    await post(s, SEED_004_EXAMPLE); // critical, technical → TKT-1001
    await post(s, {
      subject: "Export not working",
      message: "The CSV export is not working",
      customer_email: "a@x.co",
    }); // high, technical
    await post(s, { subject: "Bug report", message: "Steps to reproduce: click save twice", customer_email: "b@x.co" }); // bug_report
    await post(s, ACCOUNT_EXAMPLE); // medium, account
    await s.ws.tickets.updateStatus("TKT-1004", "resolved");
    const list = async (query: string) => {
      const res = await s.app.inject({ method: "GET", url: `/api/tickets${query}`, headers: s.agent.headers });
      expect(res.statusCode, query).toBe(200);
      return (res.json().tickets as { id: string }[]).map((x) => x.id).sort();
    };
    expect(await list("")).toEqual(["TKT-1001", "TKT-1002", "TKT-1003", "TKT-1004"]);
    expect(await list("?priority=high")).toEqual(["TKT-1001", "TKT-1002"]);
    expect(await list("?priority=critical")).toEqual(["TKT-1001"]);
    expect(await list("?category=technical")).toEqual(["TKT-1001", "TKT-1002", "TKT-1003"]);
    expect(await list("?category=bug_report")).toEqual(["TKT-1003"]);
    expect(await list("?status=open")).toEqual(["TKT-1001", "TKT-1002", "TKT-1003"]);
    expect(await list("?status=resolved,closed")).toEqual(["TKT-1004"]);
    expect(await list("?priority=high&category=technical&status=open")).toEqual(["TKT-1001", "TKT-1002"]);
    const page = await s.app.inject({ method: "GET", url: "/api/tickets?limit=3", headers: s.agent.headers });
    expect(page.json()).toMatchObject({ count: 3, next_cursor: expect.any(String) });
  });

  it("answer 400 naming the field for bad filters", async () => {
    const s = await setup();
    for (const [query, field] of [
      ["?priority=urgent", "priority"],
      ["?status=done", "status"],
      ["?limit=0", "limit"],
      ["?colour=red", "colour"],
    ] as const) {
      const res = await s.app.inject({ method: "GET", url: `/api/tickets${query}`, headers: s.agent.headers });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.field, query).toBe(field);
    }
  });

  it("return one ticket by number, and 404 for an unknown one", async () => {
    const s = await setup({ teams: true });
    await post(s, SEED_004_EXAMPLE);
    const one = await s.app.inject({ method: "GET", url: "/api/tickets/TKT-1001", headers: s.agent.headers });
    expect(one.json()).toMatchObject({ id: "TKT-1001", assigned_team: "Engineering", sentiment: "negative" });
    const missing = await s.app.inject({ method: "GET", url: "/api/tickets/TKT-9999", headers: s.agent.headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("ticket.not_found");
  });

  it("resolve a freshly routed ticket with PUT …/status, and refuse unknown statuses and bad transitions", async () => {
    const s = await setup({ teams: true });
    await post(s, SEED_004_EXAMPLE);
    const put = (status: unknown) =>
      s.app.inject({
        method: "PUT",
        url: "/api/tickets/TKT-1001/status",
        headers: s.agent.headers,
        payload: { status },
      });
    const resolved = await put("resolved");
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ id: "TKT-1001", status: "resolved", assigned_team: "Engineering" });
    expect((await put("done")).json().error).toMatchObject({ code: "input.invalid", field: "status" });
    expect((await put("closed")).statusCode).toBe(200);
    const reopen = await put("open");
    expect(reopen.statusCode).toBe(400);
    expect(reopen.json().error).toMatchObject({ code: "ticket.invalid_transition", field: "status" });
  });

  it("report analytics by status, priority, category, team and sentiment", async () => {
    const s = await setup({ teams: true });
    await post(s, SEED_004_EXAMPLE);
    await post(s, ACCOUNT_EXAMPLE);
    await post(s, { subject: "Thank you", message: "Great service, thanks a lot!", customer_email: "fan@x.co" });
    await s.ws.tickets.updateStatus("TKT-1002", "resolved");
    const res = await s.app.inject({ method: "GET", url: "/api/analytics", headers: s.agent.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      total_tickets: 3,
      open_tickets: 2,
      resolved_tickets: 1,
      by_status: { open: 2, resolved: 1, closed: 0 },
      by_priority: { high: 1, medium: 2, low: 0 },
      by_priority_level: { critical: 1, high: 0, medium: 2, low: 0 },
      by_category: { technical: 1, account: 1, general: 1 },
      sentiment: { negative: 1, positive: 1, neutral: 1, not_analyzed: 0 },
      angry_customers: 0,
      average_resolution_hours: expect.any(Number),
    });
    expect(body.by_team).toEqual(
      expect.arrayContaining([
        { team: "Engineering", count: 1 },
        { team: "Customer Success", count: 2 },
      ]),
    );
  });

  it("are described in the OpenAPI document", async () => {
    const s = await setup();
    const doc = (await s.app.inject({ method: "GET", url: "/docs/json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/tickets", "/api/tickets/{id}", "/api/tickets/{id}/status", "/api/analytics"]),
    );
    expect(doc.paths["/api/analytics"].get.responses["200"]).toBeDefined();
    expect(doc.paths["/api/tickets"].post.security).toEqual([]);
  });
});
