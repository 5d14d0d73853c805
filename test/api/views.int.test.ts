/**
 * /api/v1/views and /api/v1/custom-fields over HTTP: presented records with
 * what the caller may do, live counts, a view's tickets presented like the
 * ticket list, positioned query issues in 400 answers, and 404 across
 * workspaces.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest } from "../harness.js";
import { agentUser, customerUser, type TestUser, tokenFor } from "../http/as-user.js";
import { type Api, call, openApi } from "./api-client.js";

let api: Api;
let agent: TestUser;
let colleague: TestUser;
let manager: TestUser;
let readOnly: TestUser;
let customer: TestUser;
let other: Helpdesk;
let foreign: TestUser;

beforeAll(async () => {
  api = await openApi();
  agent = await agentUser(api.desk, "agent");
  colleague = await agentUser(api.desk, "agent");
  manager = await agentUser(api.desk, "manager");
  customer = await customerUser(api.desk);
  readOnly = { ...agent, ...(await readToken(agent)) };
  await api.desk.people.createTeam({ name: "Tier 1", members: [agent.actor.id, colleague.actor.id] });
  await api.desk.tickets.create({ subject: "Printer on fire", requester: "pat@mail.test", assignee: agent.email });
  await api.desk.tickets.create({ subject: "Printer jammed", requester: "pat@mail.test", tags: ["hardware"] });
  await api.desk.tickets.create({ subject: "Password reset", requester: customer.email });
  other = await api.desk.inWorkspace("elsewhere");
  foreign = await agentUser(other, "superadmin");
});

afterAll(async () => {
  await api?.close();
});

async function readToken(user: TestUser): Promise<Pick<TestUser, "token" | "headers">> {
  const token = await tokenFor(api.desk, { type: "agent", id: user.actor.id, email: user.email }, "read");
  return { token, headers: { authorization: `Bearer ${token}` } };
}

describe(`/api/v1/views (${engineUnderTest})`, () => {
  let teamViewId: string;

  it("saves a view and answers it with what the caller may do", async () => {
    const res = await call(api.app, agent, "POST", "/api/v1/views", {
      name: "Printers",
      query: "printer",
      visibility: "team",
      team: "Tier 1",
      display: { columns: ["number", "subject"] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Printers",
      query: "printer",
      visibility: "team",
      ownerId: agent.actor.id,
      display: { columns: ["number", "subject"] },
      can: { update: true, delete: true },
    });
    expect(res.body.teamId).toEqual(expect.any(String));
    expect(res.body.createdAt).toBe(new Date(res.body.createdAt).toISOString());
    teamViewId = res.body.id;
  });

  it("lists views with live counts for the caller", async () => {
    await call(api.app, agent, "POST", "/api/v1/views", { name: "Mine", query: "assignee: me" });
    const mine = await call(api.app, agent, "GET", "/api/v1/views");
    expect(mine.status).toBe(200);
    const byName = Object.fromEntries(mine.body.items.map((v: { name: string }) => [v.name, v]));
    expect(byName.Printers).toMatchObject({ count: 2, capped: false, error: null });
    expect(byName.Mine).toMatchObject({ count: 1, capped: false, error: null });
    expect(mine.body.nextCursor).toBeNull();
    const capped = await call(api.app, agent, "GET", "/api/v1/views?cap=1");
    expect(capped.body.items.find((v: { name: string }) => v.name === "Printers")).toMatchObject({
      count: 1,
      capped: true,
    });
    const quick = await call(api.app, agent, "GET", "/api/v1/views?counts=false");
    expect(quick.body.items[0]).toMatchObject({ count: null, error: null });
    const theirs = await call(api.app, colleague, "GET", "/api/v1/views");
    expect(theirs.body.items.map((v: { name: string }) => v.name)).toEqual(["Printers"]);
    expect(theirs.body.items[0].can).toEqual({ update: false, delete: false });
  });

  it("answers a view's tickets like the ticket list, one page at a time", async () => {
    const first = await call(api.app, colleague, "GET", `/api/v1/views/${teamViewId}/tickets?limit=1`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toMatchObject({ number: expect.stringMatching(/^TKT-\d+$/), subject: /Printer/ });
    expect(first.body.items[0].can).toMatchObject({ update: true, note: true });
    const next = await call(
      api.app,
      colleague,
      "GET",
      `/api/v1/views/${teamViewId}/tickets?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].number).not.toBe(first.body.items[0].number);
    const byName = await call(api.app, agent, "GET", "/api/v1/views/Mine/tickets");
    expect(byName.body.items.map((t: { subject: string }) => t.subject)).toEqual(["Printer on fire"]);
  });

  it("refuses a bad query with 400 and the issue's position", async () => {
    const res = await call(api.app, agent, "POST", "/api/v1/views", { name: "Broken", query: "status: opne" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "query.invalid", field: "q" });
    expect(res.body.error.details.issues[0]).toMatchObject({ at: "1:9", span: { start: 8 } });
    const patch = await call(api.app, agent, "PATCH", `/api/v1/views/${teamViewId}`, { query: "(status: open" });
    expect(patch.status).toBe(400);
    expect(patch.body.error.code).toBe("query.invalid");
    expect(patch.body.error.details.issues.length).toBeGreaterThan(0);
  });

  it("refuses changes by someone who sees but does not own the view, and names bad fields", async () => {
    expect((await call(api.app, colleague, "PATCH", `/api/v1/views/${teamViewId}`, { name: "Ours" })).status).toBe(403);
    expect((await call(api.app, colleague, "DELETE", `/api/v1/views/${teamViewId}`)).status).toBe(403);
    const share = await call(api.app, agent, "PATCH", `/api/v1/views/${teamViewId}`, { visibility: "workspace" });
    expect([share.status, share.body.error.code]).toEqual([403, "view.share_forbidden"]);
    const unknown = await call(api.app, agent, "PATCH", `/api/v1/views/${teamViewId}`, { owner: "me" });
    expect([unknown.status, unknown.body.error.field]).toEqual([400, "owner"]);
    const dup = await call(api.app, agent, "POST", "/api/v1/views", { name: "printers", query: "" });
    expect([dup.status, dup.body.error.code]).toEqual([409, "view.name_taken"]);
    const renamed = await call(api.app, manager, "PATCH", `/api/v1/views/${teamViewId}`, { name: "Printers!" });
    expect([renamed.status, renamed.body.name]).toEqual([200, "Printers!"]);
  });

  it("shows a read-only token the views but no right to change them", async () => {
    const res = await call(api.app, readOnly, "GET", "/api/v1/views");
    expect(res.status).toBe(200);
    expect(res.body.items.every((v: { can: { update: boolean } }) => !v.can.update)).toBe(true);
    expect((await call(api.app, readOnly, "POST", "/api/v1/views", { name: "x", query: "" })).status).toBe(403);
  });

  it("keeps views from customers and other workspaces", async () => {
    expect((await call(api.app, customer, "GET", "/api/v1/views")).status).toBe(403);
    for (const [method, url] of [
      ["GET", `/api/v1/views/${teamViewId}`],
      ["GET", `/api/v1/views/${teamViewId}/tickets`],
      ["PATCH", `/api/v1/views/${teamViewId}`],
      ["DELETE", `/api/v1/views/${teamViewId}`],
    ] as const) {
      const res = await call(api.app, foreign, method, url, method === "PATCH" ? { name: "x" } : undefined);
      expect([res.status, res.body.error.code], `${method} ${url}`).toEqual([404, "view.not_found"]);
    }
    expect((await call(api.app, foreign, "GET", "/api/v1/views")).body.items).toEqual([]);
  });

  it("deletes a view and answers the deleted view", async () => {
    const res = await call(api.app, agent, "DELETE", `/api/v1/views/${teamViewId}`);
    expect([res.status, res.body.id]).toEqual([200, teamViewId]);
    expect((await call(api.app, agent, "GET", `/api/v1/views/${teamViewId}`)).status).toBe(404);
  });
});

describe(`/api/v1/custom-fields (${engineUnderTest})`, () => {
  it("lets managers define, change and delete fields, and every agent list them", async () => {
    const created = await call(api.app, manager, "POST", "/api/v1/custom-fields", {
      key: "edition",
      label: "Edition",
      type: "select",
      options: ["gold", "silver"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: "edition", type: "select", options: ["gold", "silver"] });
    expect(created.body.can).toEqual({ update: true, delete: true });
    const listed = await call(api.app, agent, "GET", "/api/v1/custom-fields");
    expect(listed.body.items.map((f: { key: string }) => f.key)).toEqual(["edition"]);
    expect(listed.body.items[0].can).toEqual({ update: false, delete: false });
    expect(
      (await call(api.app, agent, "POST", "/api/v1/custom-fields", { key: "x", label: "X", type: "text" })).status,
    ).toBe(403);
    const changed = await call(api.app, manager, "PATCH", "/api/v1/custom-fields/edition", { label: "Grade" });
    expect([changed.status, changed.body.label]).toEqual([200, "Grade"]);
    await api.desk.tickets.create({
      subject: "Gold customer",
      requester: "g@mail.test",
      customFields: { edition: "gold" },
    });
    const tickets = await call(api.app, agent, "POST", "/api/v1/views", { name: "Gold", query: "grade: gold" });
    expect(tickets.status).toBe(201);
    const page = await call(api.app, agent, "GET", `/api/v1/views/${tickets.body.id}/tickets`);
    expect(page.body.items.map((t: { subject: string }) => t.subject)).toEqual(["Gold customer"]);
    const deleted = await call(api.app, manager, "DELETE", "/api/v1/custom-fields/edition");
    expect([deleted.status, deleted.body.key]).toEqual([200, "edition"]);
    const broken = (await call(api.app, agent, "GET", "/api/v1/views")).body.items.find(
      (v: { name: string }) => v.name === "Gold",
    );
    expect(broken).toMatchObject({ count: null, error: expect.stringMatching(/grade/) });
  });

  it("names the field at fault in 400 answers and 404s unknown or foreign keys", async () => {
    const badKey = await call(api.app, manager, "POST", "/api/v1/custom-fields", {
      key: "Bad Key",
      label: "B",
      type: "text",
    });
    expect([badKey.status, badKey.body.error.field]).toEqual([400, "key"]);
    const reserved = await call(api.app, manager, "POST", "/api/v1/custom-fields", {
      key: "status",
      label: "S",
      type: "text",
    });
    expect([reserved.status, reserved.body.error.code]).toEqual([400, "custom_field.reserved_key"]);
    const noOptions = await call(api.app, manager, "POST", "/api/v1/custom-fields", {
      key: "size",
      label: "Size",
      type: "select",
    });
    expect([noOptions.status, noOptions.body.error.field]).toEqual([400, "options"]);
    await call(api.app, manager, "POST", "/api/v1/custom-fields", { key: "seats", label: "Seats", type: "number" });
    expect((await call(api.app, manager, "PATCH", "/api/v1/custom-fields/nope", { label: "N" })).status).toBe(404);
    expect((await call(api.app, foreign, "DELETE", "/api/v1/custom-fields/seats")).status).toBe(404);
    expect((await call(api.app, foreign, "GET", "/api/v1/custom-fields")).body.items).toEqual([]);
  });
});
