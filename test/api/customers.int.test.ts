/**
 * /api/v1/customers: staff list, read, add and edit customers; a customer
 * reads only themself; a manager converts an individual customer into a
 * company user, who then sees the company's tickets only while it shares them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineUnderTest } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";
import { type Api, auditRows, call, footprint, openApi } from "./api-client.js";

let api: Api;
let agent: TestUser;
let manager: TestUser;

beforeAll(async () => {
  api = await openApi();
  agent = await agentUser(api.desk, "agent");
  manager = await agentUser(api.desk, "manager");
  await api.desk.people.createCompany({ name: "Acme", domain: "acme.test" });
});

afterAll(async () => {
  await api?.close();
});

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe(`customers API (${engineUnderTest})`, () => {
  it("lets an agent add customers; an email on a company's domain joins the company", async () => {
    const b2c = await call(api.app, agent, "POST", "/api/v1/customers", { email: "Solo@Mail.test", name: "Solo" });
    expect(b2c.status).toBe(201);
    expect(b2c.body).toMatchObject({ email: "solo@mail.test", role: "customer", companyId: null });
    const b2b = await call(api.app, agent, "POST", "/api/v1/customers", { email: "wile@acme.test" });
    expect(b2b.status).toBe(201);
    expect(b2b.body.role).toBe("company_user");
    expect(b2b.body.companyId).not.toBeNull();
    const dup = await call(api.app, agent, "POST", "/api/v1/customers", { email: "solo@mail.test" });
    expect(dup.status).toBe(409);
  });

  it("lists customers by email, filtered by company or by email prefix", async () => {
    for (const e of ["road.runner@acme.test", "rob@mail.test", "ann@mail.test"]) {
      await call(api.app, agent, "POST", "/api/v1/customers", { email: e });
    }
    const all = await call(api.app, agent, "GET", "/api/v1/customers");
    expect(all.status).toBe(200);
    const emails = all.body.items.map((c: { email: string }) => c.email);
    expect(emails).toEqual([...emails].sort());
    const acme = await call(api.app, agent, "GET", "/api/v1/customers?company=Acme");
    expect(acme.body.items.map((c: { email: string }) => c.email)).toEqual(["road.runner@acme.test", "wile@acme.test"]);
    const ro = await call(api.app, agent, "GET", "/api/v1/customers?q=RO");
    expect(ro.body.items.map((c: { email: string }) => c.email)).toEqual(["road.runner@acme.test", "rob@mail.test"]);
    const wildcard = await call(api.app, agent, "GET", "/api/v1/customers?q=%25");
    expect(wildcard.body.items).toEqual([]);
    const paged = await call(api.app, agent, "GET", "/api/v1/customers?limit=2");
    expect(paged.body.items).toHaveLength(2);
    const next = await call(api.app, agent, "GET", `/api/v1/customers?limit=2&cursor=${paged.body.nextCursor}`);
    expect(next.body.items[0].email > paged.body.items[1].email).toBe(true);
  });

  it("refuses customers who list customers (403)", async () => {
    const customer = await customerUser(api.desk);
    const res = await call(api.app, customer, "GET", "/api/v1/customers");
    expect(res.status).toBe(403);
    expect((await call(api.app, customer, "POST", "/api/v1/customers", { email: "z@mail.test" })).status).toBe(403);
  });

  it("lets a customer read themself and nobody else", async () => {
    const me = await customerUser(api.desk);
    const other = await customerUser(api.desk);
    const mine = await call(api.app, me, "GET", `/api/v1/customers/${me.actor.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: me.actor.id, email: me.email, can: { update: false, convert: false } });
    const theirs = await call(api.app, me, "GET", `/api/v1/customers/${other.actor.id}`);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe("customer.not_found");
    expect((await call(api.app, agent, "GET", `/api/v1/customers/${other.actor.id}`)).status).toBe(200);
  });

  it("renames a customer and changes their company", async () => {
    const c = await call(api.app, agent, "POST", "/api/v1/customers", { email: "mover@acme.test" });
    await api.desk.people.createCompany({ name: "Globex" });
    // Moving a company user grants access to another company's tickets: managers only.
    const byAgent = await call(api.app, agent, "PATCH", `/api/v1/customers/${c.body.id}`, { company: "Globex" });
    expect(byAgent.status).toBe(403);
    const renamed = await call(api.app, manager, "PATCH", `/api/v1/customers/${c.body.id}`, {
      name: "Mover",
      company: "Globex",
    });
    expect(renamed.status).toBe(200);
    const globex = await call(api.app, agent, "GET", "/api/v1/customers?company=Globex");
    expect(ids(globex.body)).toEqual([c.body.id]);
    expect(renamed.body).toMatchObject({ name: "Mover", role: "company_user" });
    const detached = await call(api.app, agent, "PATCH", `/api/v1/customers/${c.body.id}`, { company: null });
    expect(detached.body).toMatchObject({ companyId: null, role: "customer" });
    // An individual customer may be linked to a company by any agent: it grants nothing.
    const linked = await call(api.app, agent, "PATCH", `/api/v1/customers/${c.body.id}`, { company: "Globex" });
    expect(linked.body).toMatchObject({ role: "customer", companyId: renamed.body.companyId });
    const audited = (await auditRows(api.desk, "customer.company_changed")).filter((r) => r.target_id === c.body.id);
    expect(audited.map((r) => (r.details as { role: string }).role)).toEqual(["company_user", "customer", "customer"]);
  });

  it("does not let an agent convert a customer (403), nor a customer", async () => {
    const solo = await customerUser(api.desk);
    const before = await footprint(api.desk);
    const res = await call(api.app, agent, "POST", `/api/v1/customers/${solo.actor.id}/convert`, { company: "Acme" });
    expect(res.status).toBe(403);
    const self = await call(api.app, solo, "POST", `/api/v1/customers/${solo.actor.id}/convert`, { company: "Acme" });
    expect(self.status).toBe(403);
    expect(await footprint(api.desk)).toEqual(before);
  });

  it("refuses to convert an unknown company (404) or a company user (409)", async () => {
    const solo = await customerUser(api.desk);
    const unknown = await call(api.app, manager, "POST", `/api/v1/customers/${solo.actor.id}/convert`, {
      company: "Nope Inc",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe("company");
    const b2b = await customerUser(api.desk, "Acme");
    const twice = await call(api.app, manager, "POST", `/api/v1/customers/${b2b.actor.id}/convert`, {
      company: "Acme",
    });
    expect(twice.status).toBe(409);
  });
});

describe(`converting a B2C customer into a company user (${engineUnderTest})`, () => {
  it("shows them the company's tickets when the company shares, and not when it stops", async () => {
    const company = await call(api.app, manager, "POST", "/api/v1/companies", { name: "Initech", sharesTickets: true });
    expect(company.status).toBe(201);
    const colleague = await customerUser(api.desk, "Initech");
    const shared = await api.desk.tickets.create({ subject: "Printer on fire", requester: colleague.email });
    expect(shared.companyId).toBe(company.body.id);

    const solo = await customerUser(api.desk);
    const own = await api.desk.tickets.create({ subject: "My own question", requester: solo.email });
    const before = await call(api.app, solo, "GET", "/api/v1/tickets?status=all");
    expect(ids(before.body)).toEqual([own.id]);
    expect((await call(api.app, solo, "GET", `/api/v1/tickets/${shared.number}`)).status).toBe(404);

    const converted = await call(api.app, manager, "POST", `/api/v1/customers/${solo.actor.id}/convert`, {
      company: company.body.id,
    });
    expect(converted.status).toBe(200);
    expect(converted.body).toMatchObject({ role: "company_user", companyId: company.body.id });
    const [audit] = (await auditRows(api.desk, "customer.converted")).filter((r) => r.target_id === solo.actor.id);
    expect(audit).toMatchObject({ outcome: "ok", details: { from: "customer", to: "company_user" } });

    const after = await call(api.app, solo, "GET", "/api/v1/tickets?status=all");
    expect(ids(after.body).sort()).toEqual([own.id, shared.id].sort());
    expect((await call(api.app, solo, "GET", `/api/v1/tickets/${shared.number}`)).status).toBe(200);
    const theirCompany = await call(api.app, solo, "GET", `/api/v1/companies/${company.body.id}`);
    expect(theirCompany.status).toBe(200);
    expect(theirCompany.body.name).toBe("Initech");

    const off = await call(api.app, manager, "PATCH", `/api/v1/companies/${company.body.id}`, { sharesTickets: false });
    expect(off.status).toBe(200);
    expect(off.body.sharesTickets).toBe(false);
    const unshared = await call(api.app, solo, "GET", "/api/v1/tickets?status=all");
    expect(ids(unshared.body)).toEqual([own.id]);
    expect((await call(api.app, solo, "GET", `/api/v1/tickets/${shared.number}`)).status).toBe(404);
    // Still a member: they may read their own company, just not its tickets.
    expect((await call(api.app, solo, "GET", `/api/v1/companies/${company.body.id}`)).status).toBe(200);
    expect((await auditRows(api.desk, "company.sharing_changed")).at(-1)?.details).toMatchObject({
      from: true,
      to: false,
    });
  });
});
