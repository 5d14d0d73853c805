/**
 * Company tiers: set on create and update (library and HTTP, staff only in
 * answers), and `tier:` / `plan:` in ticket queries, resolved to the companies
 * that have the tier at the moment the query runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Helpdesk } from "../../src/lib/index.js";
import { type Api, call, openApi } from "../api/api-client.js";
import { domainError, engineUnderTest, isolatedWorkspace } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";

let api: Api;
let ws: Helpdesk;

beforeAll(async () => {
  api = await openApi();
  ws = await isolatedWorkspace(api.desk);
  await ws.people.createCompany({ name: "Acme", domain: "acme.test", tier: "Enterprise" });
  await ws.people.createCompany({ name: "Globex", domain: "globex.test", tier: "gold" });
  await ws.people.createCompany({ name: "Initech", domain: "initech.test", tier: "free" });
  await ws.people.createCompany({ name: "Umbrella", domain: "umbrella.test" });
  for (const [subject, company] of [
    ["Acme outage", "Acme"],
    ["Globex invoice", "Globex"],
    ["Initech login", "Initech"],
    ["Umbrella question", "Umbrella"],
    ["Walk-in", undefined],
  ] as const) {
    await ws.tickets.create({
      subject,
      requester: `${subject.split(" ")[0]?.toLowerCase()}@mail.test`,
      ...(company ? { company } : {}),
    });
  }
});

afterAll(async () => {
  await api?.close();
});

const subjects = async (q: string, desk: Helpdesk = ws) =>
  (await desk.tickets.list({ q })).items.map((t) => t.subject).sort();

describe(`a company's tier (${engineUnderTest})`, () => {
  it("is set on create, changed or removed on update (audited), and checked", async () => {
    const c = await ws.people.createCompany({ name: "Hooli", tier: "  platinum " });
    expect(c.tier).toBe("platinum");
    expect((await ws.people.updateCompany("Hooli", { tier: "Gold" })).tier).toBe("Gold");
    expect((await ws.people.updateCompany("Hooli", { tier: null })).tier).toBeNull();
    expect((await ws.people.getCompany("Hooli")).tier).toBeNull();
    const { rows } = await ws.database.executeSql(
      "select details from audit_log where workspace_id = $1 and action = 'company.tier_changed' order by id",
      [ws.workspace.id],
    );
    expect(rows.map((r) => r.details)).toEqual([
      { name: "Hooli", from: "platinum", to: "Gold" },
      { name: "Hooli", from: "Gold", to: null },
    ]);
    const long = await domainError(ws.people.createCompany({ name: "Long", tier: "x".repeat(51) }));
    expect([long.code, long.field]).toEqual(["input.invalid", "tier"]);
    const empty = await domainError(ws.people.updateCompany("Hooli", { tier: " " }));
    expect(empty.field).toBe("tier");
  });
});

describe(`tier: in ticket queries (${engineUnderTest})`, () => {
  it("finds the tickets of companies with that tier, case-insensitively, under either name", async () => {
    expect(await subjects("tier: enterprise")).toEqual(["Acme outage"]);
    expect(await subjects("plan: GOLD, Enterprise")).toEqual(["Acme outage", "Globex invoice"]);
    expect(await subjects('tier: "gold" status: open')).toEqual(["Globex invoice"]);
  });

  it("negates to every other ticket, those without a company included", async () => {
    expect(await subjects("-tier: free")).toEqual(["Acme outage", "Globex invoice", "Umbrella question", "Walk-in"]);
  });

  it("reads has: tier and tier: none", async () => {
    expect(await subjects("has: tier")).toEqual(["Acme outage", "Globex invoice", "Initech login"]);
    expect(await subjects("tier: none")).toEqual(["Umbrella question", "Walk-in"]);
  });

  it("matches nothing, without an error, for a tier no company has yet", async () => {
    expect(await subjects("tier: diamond")).toEqual([]);
  });

  it("follows a company's tier as it changes", async () => {
    await ws.people.updateCompany("Umbrella", { tier: "enterprise" });
    expect(await subjects("tier: enterprise")).toEqual(["Acme outage", "Umbrella question"]);
    await ws.people.updateCompany("Umbrella", { tier: null });
    expect(await subjects("tier: enterprise")).toEqual(["Acme outage"]);
  });

  it("is refused to customers like the other internal fields", async () => {
    const [acmeTicket] = (await ws.tickets.list({ q: "tier: enterprise" })).items;
    const requester = ws.as({ type: "customer", id: acmeTicket?.requesterId ?? "", role: "customer", companyId: null });
    for (const q of ["tier: enterprise", "plan: gold", "has: tier"]) {
      const err = await domainError(requester.tickets.list({ q }));
      expect([err.code, err.message], q).toEqual([
        "query.invalid",
        expect.stringMatching(/not available in the customer portal/),
      ]);
    }
  });

  it("suggests the workspace's tiers while typing", async () => {
    const c = await ws.query.complete({ text: "tier: g" });
    expect(c.field).toBe("tier");
    expect(c.items.map((i) => [i.label, i.detail])).toEqual([["gold", "1 companies"]]);
    const all = await ws.query.complete({ text: "plan: " });
    expect(all.items.map((i) => i.label)).toEqual(expect.arrayContaining(["Enterprise", "free", "gold", "none"]));
  });
});

describe(`the tier over HTTP (${engineUnderTest})`, () => {
  let manager: TestUser;
  let companyUser: TestUser;

  beforeAll(async () => {
    manager = await agentUser(api.desk, "manager");
    await api.desk.people.createCompany({ name: "wayne", domain: "wayne.test" });
    companyUser = await customerUser(api.desk, "wayne");
  });

  it("is set and changed by managers and shown to staff", async () => {
    const created = await call(api.app, manager, "POST", "/api/v1/companies", { name: "Stark", tier: "enterprise" });
    expect([created.status, created.body.tier]).toEqual([201, "enterprise"]);
    const changed = await call(api.app, manager, "PATCH", `/api/v1/companies/${created.body.id}`, { tier: "gold" });
    expect([changed.status, changed.body.tier]).toEqual([200, "gold"]);
    const bad = await call(api.app, manager, "PATCH", `/api/v1/companies/${created.body.id}`, { tier: "x".repeat(60) });
    expect([bad.status, bad.body.error.field]).toEqual([400, "tier"]);
    const plain = await call(api.app, manager, "POST", "/api/v1/companies", { name: "Plain" });
    expect(plain.body.tier).toBeNull();
  });

  it("is left out of a company user's view of their own company", async () => {
    const companyId = (companyUser.actor as { companyId: string }).companyId;
    await api.desk.people.updateCompany(companyId, { tier: "gold" });
    const own = await call(api.app, companyUser, "GET", `/api/v1/companies/${companyId}`);
    expect(own.status).toBe(200);
    expect(own.body).not.toHaveProperty("tier");
    expect((await call(api.app, manager, "GET", `/api/v1/companies/${companyId}`)).body.tier).toBe("gold");
  });
});
