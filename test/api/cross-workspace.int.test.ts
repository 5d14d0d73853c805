/**
 * Tenancy: an agent, manager or superadmin of another workspace gets 404 for
 * this workspace's agent, customer, company and team ids, sees none of them in
 * lists, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";
import { type Api, call, DEFAULT_SETTINGS, footprint, openApi } from "./api-client.js";

let api: Api;
let other: Helpdesk;
let home: { agent: TestUser; customer: TestUser; companyId: string; teamId: string };
let foreign: { agent: TestUser; manager: TestUser; admin: TestUser; customer: TestUser };

beforeAll(async () => {
  api = await openApi();
  const agent = await agentUser(api.desk, "agent");
  const company = await api.desk.people.createCompany({ name: "HomeCo", domain: "home.test" });
  const customer = await customerUser(api.desk, "HomeCo");
  const team = await api.desk.people.createTeam({ name: "Home Team", members: [agent.actor.id] });
  home = { agent, customer, companyId: company.id, teamId: team.id };

  other = await api.desk.inWorkspace("other");
  foreign = {
    agent: await agentUser(other, "agent"),
    manager: await agentUser(other, "manager"),
    admin: await agentUser(other, "superadmin"),
    customer: await customerUser(other),
  };
  // Same names in the other workspace must not collide with, or reveal, ours.
  await other.people.createCompany({ name: "HomeCo" });
});

afterAll(async () => {
  await api?.close();
});

describe(`cross-workspace isolation (${engineUnderTest})`, () => {
  it("answers 404 to another workspace's staff for every id of this one", async () => {
    const reads = [
      `/api/v1/agents/${home.agent.actor.id}`,
      `/api/v1/agents/${home.agent.email}`,
      `/api/v1/customers/${home.customer.actor.id}`,
      `/api/v1/companies/${home.companyId}`,
      `/api/v1/teams/${home.teamId}`,
    ];
    for (const user of [foreign.agent, foreign.manager, foreign.admin]) {
      for (const url of reads) {
        const res = await call(api.app, user, "GET", url);
        expect(res.status, `${user.actor.role} GET ${url}`).toBe(404);
      }
    }
    const customerRead = await call(api.app, foreign.customer, "GET", `/api/v1/customers/${home.customer.actor.id}`);
    expect(customerRead.status).toBe(404);
  });

  it("answers 404 to another workspace's managers for every change, and writes nothing", async () => {
    const before = await footprint(api.desk);
    const writes: [string, string, unknown][] = [
      ["PATCH", `/api/v1/agents/${home.agent.actor.id}`, { name: "Pwned", active: false }],
      ["PATCH", `/api/v1/customers/${home.customer.actor.id}`, { name: "Pwned" }],
      ["POST", `/api/v1/customers/${home.customer.actor.id}/convert`, { company: "HomeCo" }],
      ["PATCH", `/api/v1/companies/${home.companyId}`, { sharesTickets: false }],
      ["PATCH", `/api/v1/teams/${home.teamId}`, { name: "Pwned" }],
      ["PUT", `/api/v1/teams/${home.teamId}/members`, { members: [] }],
    ];
    for (const user of [foreign.manager, foreign.admin]) {
      for (const [method, url, body] of writes) {
        const res = await call(api.app, user, method as "PATCH", url, body);
        expect(res.status, `${method} ${url}`).toBe(404);
      }
    }
    // Referring to this workspace's people from the other one fails too.
    const team = await call(api.app, foreign.manager, "POST", "/api/v1/teams", {
      name: "Borrowed",
      members: [home.agent.actor.id],
    });
    expect(team.status).toBe(404);
    expect(await footprint(api.desk)).toEqual(before);
    const still = await api.desk.people.getAgent(home.agent.actor.id);
    expect(still).toMatchObject({ name: expect.not.stringContaining("Pwned"), active: true });
  });

  it("shows another workspace's staff none of this workspace's records in lists", async () => {
    const lists = ["/api/v1/agents", "/api/v1/customers", "/api/v1/companies", "/api/v1/teams"];
    const ours = new Set([home.agent.actor.id, home.customer.actor.id, home.companyId, home.teamId]);
    for (const url of lists) {
      const res = await call(api.app, foreign.admin, "GET", `${url}?limit=500`);
      expect(res.status, url).toBe(200);
      for (const item of res.body.items as { id: string }[]) expect(ours.has(item.id), url).toBe(false);
    }
    const customers = await call(api.app, foreign.agent, "GET", "/api/v1/customers?q=cust");
    expect(customers.body.items.map((c: { id: string }) => c.id)).toEqual([foreign.customer.actor.id]);
    const filtered = await call(api.app, foreign.agent, "GET", `/api/v1/customers?company=${home.companyId}`);
    expect(filtered.status).toBe(404);
  });

  it("keeps each workspace's audit log and settings to itself", async () => {
    await call(api.app, foreign.admin, "PATCH", "/api/v1/workspace/settings", { publicIntake: false });
    expect(await other.settings.get()).toEqual({ ...DEFAULT_SETTINGS, publicIntake: false });
    expect(await api.desk.settings.get()).toEqual({ ...DEFAULT_SETTINGS, publicIntake: true });
    const homeAdmin = await agentUser(api.desk, "superadmin");
    const log = await call(api.app, homeAdmin, "GET", "/api/v1/audit?limit=500");
    expect(log.status).toBe(200);
    const actors = log.body.items.map((e: { actor: { id: string } }) => e.actor.id);
    expect(actors).not.toContain(foreign.admin.actor.id);
    const theirs = await call(api.app, foreign.admin, "GET", "/api/v1/audit?limit=500");
    expect(theirs.body.items.map((e: { action: string }) => e.action)).toContain("workspace.settings_changed");
    const mine = await call(api.app, homeAdmin, "GET", "/api/v1/workspace");
    expect(mine.body.id).toBe(api.desk.workspace.id);
  });
});
