/**
 * /api/v1/workspace(s), /api/v1/reports/summary and /api/v1/audit: the caller's
 * workspace and its settings, superadmin-only settings and workspaces, seed
 * 002's report, and the audit log with its filters and pages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineUnderTest } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";
import { type Api, auditRows, call, DEFAULT_SETTINGS, footprint, openApi } from "./api-client.js";

let api: Api;
let agent: TestUser;
let manager: TestUser;
let admin: TestUser;
let customer: TestUser;

beforeAll(async () => {
  api = await openApi();
  agent = await agentUser(api.desk, "agent");
  manager = await agentUser(api.desk, "manager");
  admin = await agentUser(api.desk, "superadmin");
  customer = await customerUser(api.desk);
});

afterAll(async () => {
  await api?.close();
});

describe(`workspace API (${engineUnderTest})`, () => {
  it("shows everyone signed in their workspace, with default settings", async () => {
    for (const user of [agent, customer]) {
      const res = await call(api.app, user, "GET", "/api/v1/workspace");
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: api.desk.workspace.id,
        slug: api.desk.workspace.slug,
        ticketPrefix: "TKT",
        settings: { publicIntake: true },
        can: { updateSettings: false, manageWorkspaces: false },
      });
    }
    const mine = await call(api.app, admin, "GET", "/api/v1/workspace");
    expect(mine.body.can).toEqual({ updateSettings: true, manageWorkspaces: true });
    expect((await call(api.app, null, "GET", "/api/v1/workspace")).status).toBe(401);
  });

  it("lets only a superadmin change settings, audited, and the engine reads them back", async () => {
    expect(await api.desk.settings.get()).toEqual({ ...DEFAULT_SETTINGS, publicIntake: true });
    for (const user of [manager, agent, customer]) {
      expect((await call(api.app, user, "PATCH", "/api/v1/workspace/settings", { publicIntake: false })).status).toBe(
        403,
      );
    }
    const res = await call(api.app, admin, "PATCH", "/api/v1/workspace/settings", { publicIntake: false });
    expect(res.status).toBe(200);
    expect(res.body.settings).toEqual({ ...DEFAULT_SETTINGS, publicIntake: false });
    expect(await api.desk.settings.get()).toEqual({ ...DEFAULT_SETTINGS, publicIntake: false });
    const [row] = await auditRows(api.desk, "workspace.settings_changed");
    expect(row).toMatchObject({
      outcome: "ok",
      actor: { type: "agent", id: admin.actor.id },
      details: { changes: { publicIntake: { from: true, to: false } } },
    });
    // No change, no audit row.
    await call(api.app, admin, "PATCH", "/api/v1/workspace/settings", { publicIntake: false });
    expect(await auditRows(api.desk, "workspace.settings_changed")).toHaveLength(1);
    await call(api.app, admin, "PATCH", "/api/v1/workspace/settings", { publicIntake: true });
  });

  it("refuses unknown settings and wrong types (400 naming the field)", async () => {
    const before = await footprint(api.desk);
    const unknown = await call(api.app, admin, "PATCH", "/api/v1/workspace/settings", { smtpPassword: "x" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe("smtpPassword");
    const wrong = await call(api.app, admin, "PATCH", "/api/v1/workspace/settings", { publicIntake: "no" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.field).toBe("publicIntake");
    expect(await footprint(api.desk)).toEqual(before);
  });

  it("lets a superadmin create a workspace with its own numbering and first admin, and list workspaces", async () => {
    const res = await call(api.app, admin, "POST", "/api/v1/workspaces", {
      slug: "emea",
      name: "EMEA support",
      ticketPrefix: "EU",
      ticketStart: 500,
      admin: { email: "root@emea.test", name: "EMEA Root" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ slug: "emea", name: "EMEA support", ticketPrefix: "EU", ticketStart: 500 });
    expect(typeof res.body.adminId).toBe("string");
    const emea = await api.desk.inWorkspace("emea");
    expect(emea.workspace.id).toBe(res.body.id);
    const first = await emea.tickets.create({ subject: "First in EMEA", requester: "a@b.test" });
    expect(first.number).toBe("EU-500");
    const here = await api.desk.tickets.create({ subject: "Here", requester: "a@b.test" });
    expect(here.number).toBe("TKT-1001");
    expect((await emea.people.getAgent("root@emea.test")).role).toBe("superadmin");
    expect((await auditRows(api.desk, "workspace.created"))[0]?.target_id).toBe(res.body.id);

    const list = await call(api.app, admin, "GET", "/api/v1/workspaces?limit=1");
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const rest = await call(api.app, admin, "GET", `/api/v1/workspaces?cursor=${list.body.nextCursor}`);
    const slugs = [...list.body.items, ...rest.body.items].map((w: { slug: string }) => w.slug);
    expect(slugs).toContain("emea");
    expect(slugs).toContain(api.desk.workspace.slug);

    const dup = await call(api.app, admin, "POST", "/api/v1/workspaces", { slug: "emea", name: "Again" });
    expect(dup.status).toBe(409);
  });

  it("refuses managers and agents who list or create workspaces (403)", async () => {
    for (const user of [manager, agent, customer]) {
      expect((await call(api.app, user, "GET", "/api/v1/workspaces")).status).toBe(403);
      expect((await call(api.app, user, "POST", "/api/v1/workspaces", { slug: "x", name: "X" })).status).toBe(403);
    }
  });
});

describe(`report API (${engineUnderTest})`, () => {
  it("gives staff seed 002's summary report in camelCase", async () => {
    await api.desk.tickets.create({ subject: "Site down", requester: "r@b.test", priority: "critical" });
    const res = await call(api.app, agent, "GET", "/api/v1/reports/summary?days=30");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reportDays: 30, currentlyOpen: expect.any(Number) });
    expect(res.body.totalOpened).toBeGreaterThanOrEqual(2);
    expect(res.body.byPriority.critical.opened).toBeGreaterThanOrEqual(1);
    expect(res.body.openByAssignee.unassigned).toBeGreaterThanOrEqual(1);
    const dflt = await call(api.app, manager, "GET", "/api/v1/reports/summary");
    expect(dflt.body.reportDays).toBe(7);
  });

  it("refuses customers (403) and bad days (400)", async () => {
    expect((await call(api.app, customer, "GET", "/api/v1/reports/summary")).status).toBe(403);
    const bad = await call(api.app, agent, "GET", "/api/v1/reports/summary?days=0");
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("days");
    const extra = await call(api.app, agent, "GET", "/api/v1/reports/summary?weeks=2");
    expect(extra.status).toBe(400);
    expect(extra.body.error.field).toBe("weeks");
  });
});

describe(`audit API (${engineUnderTest})`, () => {
  it("lists this workspace's audit log newest first, presented", async () => {
    await call(api.app, manager, "PATCH", `/api/v1/agents/${agent.actor.id}`, { role: "manager" });
    await call(api.app, manager, "PATCH", `/api/v1/agents/${agent.actor.id}`, { role: "agent" });
    const res = await call(api.app, admin, "GET", "/api/v1/audit");
    expect(res.status).toBe(200);
    const ids = res.body.items.map((e: { id: string }) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const [latest] = res.body.items;
    expect(latest).toMatchObject({
      action: "agent.role_changed",
      actor: { type: "agent", id: manager.actor.id, email: manager.email },
      target: { type: "agent", id: agent.actor.id },
      outcome: "ok",
      ip: "127.0.0.1",
      userAgent: "helpline-tests/1.0",
      details: { from: "manager", to: "agent" },
    });
    expect(Number.isNaN(Date.parse(latest.createdAt))).toBe(false);
  });

  it("filters by action (exact or prefix), actor (id or email) and time, and pages by id", async () => {
    const exact = await call(api.app, admin, "GET", "/api/v1/audit?action=agent.role_changed");
    expect(exact.body.items.every((e: { action: string }) => e.action === "agent.role_changed")).toBe(true);
    expect(exact.body.items.length).toBeGreaterThanOrEqual(2);
    const prefix = await call(api.app, admin, "GET", "/api/v1/audit?action=agent.*");
    expect(prefix.body.items.every((e: { action: string }) => e.action.startsWith("agent."))).toBe(true);
    expect(prefix.body.items.length).toBeGreaterThan(exact.body.items.length);
    const byEmail = await call(api.app, admin, "GET", `/api/v1/audit?actor=${encodeURIComponent(admin.email)}`);
    expect(byEmail.body.items.length).toBeGreaterThan(0);
    expect(byEmail.body.items.every((e: { actor: { id: string } }) => e.actor.id === admin.actor.id)).toBe(true);
    const byId = await call(api.app, admin, "GET", `/api/v1/audit?actor=${admin.actor.id}`);
    expect(byId.body.items).toEqual(byEmail.body.items);
    const nobody = await call(api.app, admin, "GET", "/api/v1/audit?actor=nobody@desk.test");
    expect(nobody.body.items).toEqual([]);
    const future = await call(api.app, admin, "GET", "/api/v1/audit?from=2999-01-01");
    expect(future.body.items).toEqual([]);
    const past = await call(api.app, admin, "GET", "/api/v1/audit?to=2000-01-01T00:00:00Z");
    expect(past.body.items).toEqual([]);

    const all = await call(api.app, admin, "GET", "/api/v1/audit?limit=500");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(api.app, admin, "GET", `/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((e: { id: string }) => e.id));
  });

  it("is for superadmins only and refuses bad filters (400 naming the field)", async () => {
    for (const user of [manager, agent, customer]) {
      expect((await call(api.app, user, "GET", "/api/v1/audit")).status).toBe(403);
    }
    for (const [query, field] of [
      ["from=yesterday", "from"],
      ["to=2024-13-45", "to"],
      ["cursor=garbage", "cursor"],
      ["limit=0", "limit"],
      ["action=drop%20table", "action"],
      ["verb=x", "verb"],
    ] as const) {
      const res = await call(api.app, admin, "GET", `/api/v1/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.field, query).toBe(field);
    }
  });
});
