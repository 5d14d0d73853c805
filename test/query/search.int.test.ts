/**
 * Search over HTTP and the library: ranked hits with highlighted snippets,
 * internal notes only for agents, typo-tolerant people search, autocomplete
 * from the workspace's data, the per-workspace language, and query errors a
 * client can underline.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Helpdesk } from "../../src/lib/index.js";
import { type Api, call, openApi } from "../api/api-client.js";
import { domainError, engineUnderTest } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";

describe(`search (${engineUnderTest})`, () => {
  let api: Api;
  let desk: Helpdesk;
  let agent: TestUser;
  let admin: TestUser;
  let customer: TestUser;
  let printer: string;

  beforeAll(async () => {
    api = await openApi();
    desk = api.desk;
    agent = await agentUser(desk, "agent");
    admin = await agentUser(desk, "superadmin");
    customer = await customerUser(desk);
    await desk.people.createCompany({ name: "Acme Corporation", domain: "acme.com" });
    await desk.people.createTeam({ name: "Billing" });
    const t = await desk.as(customer.actor).tickets.create({
      subject: "Printer on fire",
      description: "The office printer is burning since this morning.",
      category: "hardware",
    });
    printer = t.number;
    await desk.tickets.update(printer, { addTags: ["vip-customer"] });
    await desk.as(agent.actor).tickets.addComment(printer, { body: "Replaced the toner cartridge", internal: true });
    await desk.as(agent.actor).tickets.addComment(printer, { body: "We sent a technician with an extinguisher" });
    await desk.tickets.create({
      subject: "Password reset",
      description: "cannot log in to the portal",
      requester: { email: "jonathan.smith@acme.com", name: "Jonathan Smith" },
    });
  });
  afterAll(() => api.close());

  it("ranks subject matches first and highlights the matched words", async () => {
    const res = await call(api.app, agent, "GET", `/api/v1/search?q=${encodeURIComponent("printer")}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const hit = res.body.items[0];
    expect(hit.ticket.number).toBe(printer);
    expect(hit.rank).toBeGreaterThan(0);
    const subject = hit.highlights.find((h: { source: string }) => h.source === "subject");
    expect(subject.segments).toEqual([
      { text: "Printer", match: true },
      { text: " on fire", match: false },
    ]);
    expect(hit.highlights.map((h: { source: string }) => h.source)).toContain("description");
  });

  it("finds words of messages, and of internal notes only for agents", async () => {
    const note = await desk.as(agent.actor).search.tickets({ q: "toner" });
    expect(note.items.map((h) => h.ticket.number)).toEqual([printer]);
    expect(note.items[0]?.highlights.find((h) => h.source === "note")?.segments).toContainEqual({
      text: "toner",
      match: true,
    });
    expect((await desk.as(customer.actor).search.tickets({ q: "toner" })).items).toEqual([]);
    const message = await desk.as(customer.actor).search.tickets({ q: "extinguisher" });
    expect(message.items.map((h) => h.ticket.number)).toEqual([printer]);
    expect(message.items[0]?.highlights.map((h) => h.source)).toEqual(["message"]);
  });

  it("answers ?q= on the ticket list and refuses mixing it with the old filters", async () => {
    const ok = await call(api.app, agent, "GET", `/api/v1/tickets?q=${encodeURIComponent("category: hardware")}`);
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((t: { number: string }) => t.number)).toEqual([printer]);
    const mixed = await call(api.app, agent, "GET", "/api/v1/tickets?q=printer&status=open");
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.code).toBe("query.mixed_filters");
    expect(mixed.body.error.message).toContain('"status: …"');
  });

  it("returns positioned issues a client can underline", async () => {
    const res = await call(api.app, agent, "GET", `/api/v1/search?q=${encodeURIComponent("printer stauts: open")}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("query.invalid");
    const [issue] = res.body.error.details.issues;
    expect(issue).toMatchObject({ span: { start: 8, end: 14 }, at: "1:9", suggestion: "status" });
    expect(issue.message).toContain('unknown field "stauts" at 1:9');
    const nobody = await call(api.app, agent, "GET", `/api/v1/search?q=${encodeURIComponent("team: Biling")}`);
    expect(nobody.body.error.details.issues[0]).toMatchObject({ suggestion: "Billing", at: "1:7" });
  });

  it("keeps customers to the fields of their own tickets", async () => {
    const err = await domainError(desk.as(customer.actor).search.tickets({ q: "assignee: none" }));
    expect(err.code).toBe("query.invalid");
    expect(err.message).toContain('field "assignee" is not available in the customer portal at 1:1');
    const flag = await domainError(desk.as(customer.actor).search.tickets({ q: "is: mine, breached" }));
    expect(flag.message).toContain('"is: breached" is not available in the customer portal at 1:11');
    expect((await desk.as(customer.actor).tickets.list({ q: "is: mine has: attachment" })).items).toEqual([]);
    expect((await desk.as(customer.actor).tickets.list({ q: "is: mine" })).items.map((t) => t.number)).toEqual([
      printer,
    ]);
  });

  it("finds customers and companies despite small typos", async () => {
    const res = await call(
      api.app,
      agent,
      "GET",
      `/api/v1/search/people?q=${encodeURIComponent("jonathan.smith@acme.co")}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ kind: "customer", detail: "jonathan.smith@acme.com" });
    const company = await desk.as(agent.actor).search.people({ q: "acme corporaton" });
    expect(company.map((p) => p.name)).toContain("Acme Corporation");
    expect((await call(api.app, customer, "GET", "/api/v1/search/people?q=acme")).status).toBe(403);
  });

  it("autocompletes fields, values and the workspace's own names", async () => {
    const fields = await desk.as(agent.actor).query.complete({ text: "sta" });
    expect(fields.items.map((i) => i.insert)).toContain("status: ");
    const tag = await desk.as(agent.actor).query.complete({ text: "#vip" });
    expect(tag.items.map((i) => i.insert)).toContain("vip-customer");
    const team = await desk.as(agent.actor).query.complete({ text: "team: bil" });
    expect(team).toMatchObject({ kind: "value", field: "team", replace: { start: 6, end: 9 } });
    expect(team.items.map((i) => i.insert)).toEqual(["Billing"]);
    const company = await desk.as(agent.actor).query.complete({ text: "company: ac" });
    expect(company.items.map((i) => i.insert)).toEqual(['"Acme Corporation"']);
    const requester = await desk.as(agent.actor).query.complete({ text: "from: jona status: open", cursor: 10 });
    expect(requester.items.map((i) => i.insert)).toContain("jonathan.smith@acme.com");
    // Customers get the fixed vocabulary only, never the desk's people or tags.
    const asCustomer = await desk.as(customer.actor).query.complete({ text: "requester: jona" });
    expect(asCustomer.items).toEqual([]);
    const res = await call(api.app, agent, "GET", `/api/v1/query/complete?text=${encodeURIComponent("status: in")}`);
    expect(res.body.items.map((i: { insert: string }) => i.insert)).toEqual(["in_progress"]);
  });

  it("switches the search language and re-indexes (superadmin only)", async () => {
    // English stems: "burn" finds "burning".
    expect((await desk.as(agent.actor).search.tickets({ q: "burn" })).items).toHaveLength(1);
    const denied = await call(api.app, agent, "PUT", "/api/v1/workspace/search-language", { language: "simple" });
    expect(denied.status).toBe(403);
    const bad = await call(api.app, admin, "PUT", "/api/v1/workspace/search-language", { language: "klingon" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('"klingon" is not a text-search language');
    const res = await call(api.app, admin, "PUT", "/api/v1/workspace/search-language", { language: "simple" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ language: "simple", tickets: 2 });
    expect(res.body.entries).toBeGreaterThanOrEqual(4);
    expect((await desk.as(agent.actor).search.tickets({ q: "burn" })).items).toEqual([]);
    expect((await desk.as(agent.actor).search.tickets({ q: "burning" })).items).toHaveLength(1);
    // New tickets are indexed in the new language too.
    await desk.tickets.create({ subject: "Printers jammed", description: "", requester: "x@mail.test" });
    expect((await desk.as(agent.actor).search.tickets({ q: "printer" })).items).toHaveLength(1);
    expect((await desk.as(agent.actor).search.tickets({ q: "printers" })).items).toHaveLength(1);
  });
});
