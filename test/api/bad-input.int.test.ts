/**
 * Bad input on the people, workspace and audit routes: wrong types, missing
 * fields, unknown fields and invalid cursors get a 400 naming the field, and
 * nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineUnderTest } from "../harness.js";
import { agentUser, type TestUser } from "../http/as-user.js";
import { type Api, call, footprint, openApi } from "./api-client.js";

let api: Api;
let admin: TestUser;
let agentId: string;
let customerId: string;
let teamId: string;

beforeAll(async () => {
  api = await openApi();
  admin = await agentUser(api.desk, "superadmin");
  agentId = (await agentUser(api.desk, "agent")).actor.id;
  customerId = (await api.desk.people.createCustomer({ email: "c@mail.test" })).id;
  await api.desk.people.createCompany({ name: "Acme" });
  teamId = (await api.desk.people.createTeam({ name: "Team" })).id;
});

afterAll(async () => {
  await api?.close();
});

type Case = [method: "POST" | "PATCH" | "PUT", url: () => string, body: unknown, field: string];

const cases: Case[] = [
  ["POST", () => "/api/v1/agents", { email: 42, name: "X" }, "email"],
  ["POST", () => "/api/v1/agents", { email: "not-an-email", name: "X" }, "email"],
  ["POST", () => "/api/v1/agents", { email: "a@b.test" }, "name"],
  ["POST", () => "/api/v1/agents", { email: "a@b.test", name: "X", role: "god" }, "role"],
  ["POST", () => "/api/v1/agents", { email: "a@b.test", name: "X", password: "hunter2" }, "password"],
  ["POST", () => "/api/v1/agents", { email: "a@b.test", name: "X", skills: "billing" }, "skills"],
  ["PATCH", () => `/api/v1/agents/${agentId}`, { active: "yes" }, "active"],
  ["PATCH", () => `/api/v1/agents/${agentId}`, { email: "new@b.test" }, "email"],
  ["PATCH", () => `/api/v1/agents/${agentId}`, { name: "" }, "name"],
  ["POST", () => "/api/v1/customers", {}, "email"],
  ["POST", () => "/api/v1/customers", { email: "d@mail.test", vip: true }, "vip"],
  ["PATCH", () => `/api/v1/customers/${customerId}`, { company: 7 }, "company"],
  ["PATCH", () => `/api/v1/customers/${customerId}`, { role: "company_user" }, "role"],
  ["POST", () => `/api/v1/customers/${customerId}/convert`, {}, "company"],
  ["POST", () => `/api/v1/customers/${customerId}/convert`, { company: "Acme", force: true }, "force"],
  ["POST", () => "/api/v1/companies", { name: "X", domain: "not a domain" }, "domain"],
  ["POST", () => "/api/v1/companies", { name: "X", sharesTickets: "true" }, "sharesTickets"],
  ["POST", () => "/api/v1/companies", { domain: "x.test" }, "name"],
  ["PATCH", () => "/api/v1/companies/Acme", { owner: "me" }, "owner"],
  ["POST", () => "/api/v1/teams", { name: "T2", members: "everyone" }, "members"],
  ["POST", () => "/api/v1/teams", { name: "T2", members: [1] }, "members.0"],
  ["PATCH", () => `/api/v1/teams/${teamId}`, { categories: [""] }, "categories.0"],
  ["PATCH", () => `/api/v1/teams/${teamId}`, { members: [] }, "members"],
  ["PUT", () => `/api/v1/teams/${teamId}/members`, {}, "members"],
  ["PUT", () => `/api/v1/teams/${teamId}/members`, { members: [], lead: null }, "lead"],
  ["PATCH", () => "/api/v1/workspace/settings", { publicIntake: 1 }, "publicIntake"],
  ["POST", () => "/api/v1/workspaces", { slug: "Bad Slug", name: "X" }, "slug"],
  ["POST", () => "/api/v1/workspaces", { slug: "ok", name: "X", ticketStart: "1" }, "ticketStart"],
  ["POST", () => "/api/v1/workspaces", { slug: "ok", name: "X", admin: { email: "a@b.test" } }, "admin.name"],
  ["POST", () => "/api/v1/workspaces", { slug: "ok" }, "name"],
];

describe(`bad input on people and workspace routes (${engineUnderTest})`, () => {
  for (const [method, url, body, field] of cases) {
    it(`${method} ${url().replace(/[0-9a-f-]{36}/, ":id")} ${JSON.stringify(body)} → 400 on ${field}`, async () => {
      const before = await footprint(api.desk);
      const res = await call(api.app, admin, method, url(), body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("input.invalid");
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toContain(field);
      expect(await footprint(api.desk)).toEqual(before);
    });
  }

  it("refuses a body that is not JSON, or not an object", async () => {
    const before = await footprint(api.desk);
    const res = await api.app.inject({
      method: "POST",
      url: "/api/v1/agents",
      headers: { ...admin.headers, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(res.statusCode).toBe(400);
    const arr = await call(api.app, admin, "POST", "/api/v1/companies", [{ name: "X" }]);
    expect(arr.status).toBe(400);
    expect(await footprint(api.desk)).toEqual(before);
  });

  it("refuses invalid cursors, limits and filters on every list (400 naming the field)", async () => {
    const forged = Buffer.from(JSON.stringify([1, 2])).toString("base64url");
    for (const list of [
      "/api/v1/agents",
      "/api/v1/customers",
      "/api/v1/companies",
      "/api/v1/teams",
      "/api/v1/workspaces",
    ]) {
      for (const [query, field] of [
        ["cursor=garbage", "cursor"],
        [`cursor=${forged}`, "cursor"],
        ["limit=0", "limit"],
        ["limit=abc", "limit"],
        ["limit=501", "limit"],
        ["sort=name", "sort"],
      ] as const) {
        const res = await call(api.app, admin, "GET", `${list}?${query}`);
        expect(res.status, `${list}?${query}`).toBe(400);
        expect(res.body.error.field, `${list}?${query}`).toBe(field);
      }
    }
    const role = await call(api.app, admin, "GET", "/api/v1/agents?role=god");
    expect(role.body.error.field).toBe("role");
    const active = await call(api.app, admin, "GET", "/api/v1/agents?active=maybe");
    expect(active.body.error.field).toBe("active");
  });

  it("names the missing company of a customer list filter (404)", async () => {
    const res = await call(api.app, admin, "GET", "/api/v1/customers?company=Nobody");
    expect(res.status).toBe(404);
    expect(res.body.error.field).toBe("company");
  });
});
