/**
 * /api/v1/companies and /api/v1/teams: staff read, managers change; company
 * users read only their own company; team membership is replaced as a whole.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineUnderTest } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";
import { type Api, call, footprint, openApi } from "./api-client.js";

let api: Api;
let agent: TestUser;
let manager: TestUser;

beforeAll(async () => {
  api = await openApi();
  agent = await agentUser(api.desk, "agent");
  manager = await agentUser(api.desk, "manager");
});

afterAll(async () => {
  await api?.close();
});

describe(`companies API (${engineUnderTest})`, () => {
  it("lets a manager add and change a company; staff list and read it", async () => {
    const created = await call(api.app, manager, "POST", "/api/v1/companies", {
      name: "Umbrella",
      domain: "Umbrella.test",
      sharesTickets: false,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Umbrella",
      domain: "umbrella.test",
      sharesTickets: false,
      can: { update: true },
    });
    await call(api.app, manager, "POST", "/api/v1/companies", { name: "Aperture" });
    const list = await call(api.app, agent, "GET", "/api/v1/companies");
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(["Aperture", "Umbrella"]);
    expect(list.body.items[0].can.update).toBe(false);
    const q = await call(api.app, agent, "GET", "/api/v1/companies?q=umb");
    expect(q.body.items.map((c: { name: string }) => c.name)).toEqual(["Umbrella"]);
    const one = await call(api.app, agent, "GET", `/api/v1/companies/${created.body.id}`);
    expect(one.body.id).toBe(created.body.id);
    const changed = await call(api.app, manager, "PATCH", `/api/v1/companies/${created.body.id}`, {
      name: "Umbrella Corp",
      domain: null,
      sharesTickets: true,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "Umbrella Corp", domain: null, sharesTickets: true });
  });

  it("refuses duplicate names and domains with 409", async () => {
    await call(api.app, manager, "POST", "/api/v1/companies", { name: "Stark", domain: "stark.test" });
    const name = await call(api.app, manager, "POST", "/api/v1/companies", { name: "Stark" });
    expect(name.status).toBe(409);
    const domain = await call(api.app, manager, "POST", "/api/v1/companies", { name: "Stark 2", domain: "stark.test" });
    expect(domain.status).toBe(409);
    expect(domain.body.error.code).toBe("company.domain_taken");
  });

  it("refuses agents who add or change companies (403)", async () => {
    const before = await footprint(api.desk);
    expect((await call(api.app, agent, "POST", "/api/v1/companies", { name: "Nope" })).status).toBe(403);
    expect((await call(api.app, agent, "PATCH", "/api/v1/companies/Stark", { name: "Mine" })).status).toBe(403);
    expect(await footprint(api.desk)).toEqual(before);
  });

  it("lets a company user read their own company only; individual customers none", async () => {
    const wayne = await api.desk.people.createCompany({ name: "Wayne" });
    const other = await api.desk.people.createCompany({ name: "Oscorp" });
    const bruce = await customerUser(api.desk, "Wayne");
    expect((await call(api.app, bruce, "GET", `/api/v1/companies/${wayne.id}`)).status).toBe(200);
    const foreign = await call(api.app, bruce, "GET", `/api/v1/companies/${other.id}`);
    expect(foreign.status).toBe(404);
    expect((await call(api.app, bruce, "GET", "/api/v1/companies")).status).toBe(403);
    const solo = await customerUser(api.desk);
    expect((await call(api.app, solo, "GET", `/api/v1/companies/${wayne.id}`)).status).toBe(404);
  });
});

describe(`teams API (${engineUnderTest})`, () => {
  it("lets a manager create a team whose lead is a member, and staff list it", async () => {
    const a2 = await agentUser(api.desk, "agent");
    const res = await call(api.app, manager, "POST", "/api/v1/teams", {
      name: "Billing",
      lead: manager.email,
      members: [agent.actor.id, a2.email, agent.email],
      categories: ["billing", "refunds"],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Billing",
      leadAgentId: manager.actor.id,
      categories: ["billing", "refunds"],
    });
    expect([...res.body.memberIds].sort()).toEqual([agent.actor.id, a2.actor.id, manager.actor.id].sort());
    const list = await call(api.app, agent, "GET", "/api/v1/teams");
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { name: string }) => t.name)).toEqual(["Billing"]);
    expect(list.body.items[0].memberIds).toHaveLength(3);
    const one = await call(api.app, agent, "GET", `/api/v1/teams/${res.body.id}`);
    expect(one.body.name).toBe("Billing");
  });

  it("changes a team's name, lead and categories", async () => {
    const team = await call(api.app, manager, "POST", "/api/v1/teams", { name: "Tier 1" });
    const res = await call(api.app, manager, "PATCH", `/api/v1/teams/${team.body.id}`, {
      name: "Tier One",
      lead: agent.email,
      categories: ["general"],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: "Tier One",
      leadAgentId: agent.actor.id,
      categories: ["general"],
      memberIds: [agent.actor.id],
    });
    const cleared = await call(api.app, manager, "PATCH", `/api/v1/teams/${team.body.id}`, { lead: null });
    expect(cleared.body.leadAgentId).toBeNull();
  });

  it("replaces the member list with PUT, keeping the lead", async () => {
    const a3 = await agentUser(api.desk, "agent");
    const team = await call(api.app, manager, "POST", "/api/v1/teams", {
      name: "Tier 2",
      lead: manager.email,
      members: [agent.email],
    });
    const res = await call(api.app, manager, "PUT", `/api/v1/teams/${team.body.id}/members`, {
      members: [manager.actor.id, a3.actor.id],
    });
    expect(res.status).toBe(200);
    expect([...res.body.memberIds].sort()).toEqual([manager.actor.id, a3.actor.id].sort());
    const read = await call(api.app, agent, "GET", `/api/v1/teams/${team.body.id}`);
    expect([...read.body.memberIds].sort()).toEqual([manager.actor.id, a3.actor.id].sort());
    const withoutLead = await call(api.app, manager, "PUT", `/api/v1/teams/${team.body.id}/members`, {
      members: [a3.actor.id],
    });
    expect(withoutLead.status).toBe(400);
    expect(withoutLead.body.error).toMatchObject({ code: "team.lead_not_member", field: "members" });
    const unknown = await call(api.app, manager, "PUT", `/api/v1/teams/${team.body.id}/members`, {
      members: [manager.email, "ghost@desk.test"],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe("members.1");
    const unchanged = await call(api.app, agent, "GET", `/api/v1/teams/${team.body.id}`);
    expect(unchanged.body.memberIds).toEqual(read.body.memberIds);
  });

  it("refuses agents who manage teams (403) and customers who read them (403)", async () => {
    const customer = await customerUser(api.desk);
    expect((await call(api.app, agent, "POST", "/api/v1/teams", { name: "Mine" })).status).toBe(403);
    expect((await call(api.app, agent, "PUT", "/api/v1/teams/Billing/members", { members: [] })).status).toBe(403);
    expect((await call(api.app, customer, "GET", "/api/v1/teams")).status).toBe(403);
  });
});
