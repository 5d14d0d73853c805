/**
 * /api/v1/agents: list, read, create and change agents; role rules (only a
 * superadmin makes a superadmin, nobody changes their own role), the audit
 * trail of role changes, and cursor pagination.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineUnderTest } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";
import { type Api, auditRows, call, footprint, openApi } from "./api-client.js";

let api: Api;
let agent: TestUser;
let manager: TestUser;
let admin: TestUser;

beforeAll(async () => {
  api = await openApi();
  agent = await agentUser(api.desk, "agent");
  manager = await agentUser(api.desk, "manager");
  admin = await agentUser(api.desk, "superadmin");
});

afterAll(async () => {
  await api?.close();
});

describe(`agents API (${engineUnderTest})`, () => {
  it("lets a manager add an agent, presented without secrets", async () => {
    const res = await call(api.app, manager, "POST", "/api/v1/agents", {
      email: "New.Agent@Desk.test",
      name: "New Agent",
      skills: ["billing"],
      teamsOnly: true,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: "new.agent@desk.test",
      name: "New Agent",
      role: "agent",
      active: true,
      skills: ["billing"],
      teamsOnly: true,
      can: { update: true, changeRole: true, deactivate: true },
    });
    expect(Object.keys(res.body).sort()).toEqual(
      [
        "active",
        "availability",
        "awayUntil",
        "can",
        "capacity",
        "createdAt",
        "email",
        "id",
        "name",
        "role",
        "skills",
        "teamsOnly",
      ].sort(),
    );
    expect(res.body.workspaceId).toBeUndefined();
  });

  it("lets staff list agents by name and read one by id", async () => {
    const list = await call(api.app, agent, "GET", "/api/v1/agents");
    expect(list.status).toBe(200);
    const names = list.body.items.map((a: { name: string }) => a.name);
    expect(names).toEqual([...names].sort());
    expect(list.body.items.length).toBeGreaterThanOrEqual(4);
    const one = await call(api.app, agent, "GET", `/api/v1/agents/${manager.actor.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: manager.actor.id, role: "manager", can: { update: false } });
  });

  it("filters agents by role", async () => {
    const res = await call(api.app, agent, "GET", "/api/v1/agents?role=superadmin");
    expect(res.status).toBe(200);
    expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([admin.actor.id]);
  });

  it("pages through agents with a cursor, each agent once", async () => {
    for (let k = 0; k < 5; k++) {
      await call(api.app, manager, "POST", "/api/v1/agents", { email: `page${k}@desk.test`, name: `Pager ${k}` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/agents?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await call(api.app, agent, "GET", url);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((a: { id: string }) => a.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    const all = await call(api.app, agent, "GET", "/api/v1/agents?limit=500");
    expect(seen).toEqual(all.body.items.map((a: { id: string }) => a.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBeGreaterThan(3);
  });

  it("refuses agents and customers who try to add agents (403), writing nothing", async () => {
    const customer = await customerUser(api.desk);
    const before = await footprint(api.desk);
    const byAgent = await call(api.app, agent, "POST", "/api/v1/agents", { email: "x@desk.test", name: "X" });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.error.code).toBe("access.forbidden");
    const byCustomer = await call(api.app, customer, "POST", "/api/v1/agents", { email: "y@desk.test", name: "Y" });
    expect(byCustomer.status).toBe(403);
    expect((await call(api.app, customer, "GET", "/api/v1/agents")).status).toBe(403);
    expect((await call(api.app, null, "GET", "/api/v1/agents")).status).toBe(401);
    expect(await footprint(api.desk)).toEqual(before);
  });

  it("refuses a manager who tries to create a superadmin, and audits the attempt", async () => {
    const res = await call(api.app, manager, "POST", "/api/v1/agents", {
      email: "boss@desk.test",
      name: "Boss",
      role: "superadmin",
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("agent.role_forbidden");
    expect((await call(api.app, admin, "GET", "/api/v1/agents/boss@desk.test")).status).toBe(404);
    const denied = (await auditRows(api.desk, "agent.created")).filter((r) => r.outcome === "denied");
    expect(denied.at(-1)?.details).toMatchObject({ email: "boss@desk.test", role: "superadmin" });
  });

  it("lets a superadmin create a superadmin and a manager create a manager", async () => {
    const sa = await call(api.app, admin, "POST", "/api/v1/agents", {
      email: "sa2@desk.test",
      name: "Second Admin",
      role: "superadmin",
    });
    expect(sa.status).toBe(201);
    expect(sa.body.role).toBe("superadmin");
    const mgr = await call(api.app, manager, "POST", "/api/v1/agents", {
      email: "mgr2@desk.test",
      name: "Second Manager",
      role: "manager",
    });
    expect(mgr.status).toBe(201);
  });

  it("refuses a duplicate email with 409", async () => {
    const res = await call(api.app, manager, "POST", "/api/v1/agents", { email: agent.email, name: "Dup" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("agent.exists");
  });

  it("changes name, skills, teamsOnly and role, auditing the role change with IP and user agent", async () => {
    const created = await call(api.app, manager, "POST", "/api/v1/agents", { email: "promo@desk.test", name: "P" });
    const id = created.body.id as string;
    const res = await call(api.app, manager, "PATCH", `/api/v1/agents/${id}`, {
      name: "Promoted",
      skills: ["sla"],
      teamsOnly: true,
      role: "manager",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Promoted", skills: ["sla"], teamsOnly: true, role: "manager" });
    const rows = (await auditRows(api.desk, "agent.role_changed")).filter((r) => r.target_id === id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: "ok",
      target_type: "agent",
      ip: "127.0.0.1",
      user_agent: "helpline-tests/1.0",
      actor: { type: "agent", id: manager.actor.id },
      details: { from: "agent", to: "manager" },
    });
  });

  it("does not let anyone change their own role", async () => {
    const res = await call(api.app, admin, "PATCH", `/api/v1/agents/${admin.actor.id}`, { role: "agent" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("agent.own_role");
    const still = await call(api.app, admin, "GET", `/api/v1/agents/${admin.actor.id}`);
    expect(still.body.role).toBe("superadmin");
    // Renaming yourself is fine.
    expect((await call(api.app, admin, "PATCH", `/api/v1/agents/${admin.actor.id}`, { name: "Root" })).status).toBe(
      200,
    );
  });

  it("does not let a manager promote to superadmin or touch a superadmin", async () => {
    const promote = await call(api.app, manager, "PATCH", `/api/v1/agents/${agent.actor.id}`, { role: "superadmin" });
    expect(promote.status).toBe(403);
    expect(promote.body.error.code).toBe("agent.role_forbidden");
    const demote = await call(api.app, manager, "PATCH", `/api/v1/agents/${admin.actor.id}`, { active: false });
    expect(demote.status).toBe(403);
    expect((await call(api.app, admin, "GET", `/api/v1/agents/${agent.actor.id}`)).body.role).toBe("agent");
    const denied = (await auditRows(api.desk, "agent.role_changed")).filter((r) => r.outcome === "denied");
    expect(denied.some((r) => r.target_id === agent.actor.id)).toBe(true);
  });

  it("refuses a plain agent's PATCH (403)", async () => {
    const res = await call(api.app, agent, "PATCH", `/api/v1/agents/${manager.actor.id}`, { name: "Hacked" });
    expect(res.status).toBe(403);
  });

  it("deactivates an agent, who then can no longer sign in with their token, and audits it", async () => {
    const victim = await agentUser(api.desk, "agent");
    const res = await call(api.app, manager, "PATCH", `/api/v1/agents/${victim.actor.id}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await call(api.app, victim, "GET", "/api/v1/agents")).status).toBe(401);
    const read = await call(api.app, agent, "GET", `/api/v1/agents/${victim.actor.id}`);
    expect(read.status).toBe(200);
    expect(read.body.active).toBe(false);
    expect((await call(api.app, agent, "GET", "/api/v1/agents?active=false")).body.items).toEqual([
      expect.objectContaining({ id: victim.actor.id }),
    ]);
    expect((await auditRows(api.desk, "agent.deactivated")).map((r) => r.target_id)).toContain(victim.actor.id);
    expect(
      (await call(api.app, manager, "PATCH", `/api/v1/agents/${manager.actor.id}`, { active: false })).status,
    ).toBe(403);
  });

  it("treats an empty PATCH as no change, writing nothing", async () => {
    const before = await footprint(api.desk);
    const res = await call(api.app, manager, "PATCH", `/api/v1/agents/${agent.actor.id}`, {});
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(agent.actor.id);
    expect(await footprint(api.desk)).toEqual(before);
  });

  it("answers 404 for an unknown agent", async () => {
    const res = await call(api.app, agent, "GET", "/api/v1/agents/0190f3c2-7b1a-7c3e-8d2f-1a2b3c4d5e6f");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("agent.not_found");
    const patch = await call(api.app, manager, "PATCH", "/api/v1/agents/0190f3c2-7b1a-7c3e-8d2f-1a2b3c4d5e6f", {
      name: "Nobody",
    });
    expect(patch.status).toBe(404);
  });
});
