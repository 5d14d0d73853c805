/**
 * /api/v1/calendars over HTTP: presented calendars with what the caller may
 * do, 400s naming the field, the .ics import as a JSON body, 409 while an SLA
 * policy uses a calendar, and 403/404 for customers and other workspaces.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, call, openApi } from "../api/api-client.js";
import { engineUnderTest } from "../harness.js";
import { agentUser, customerUser, type TestUser, tokenFor } from "../http/as-user.js";

const FEED = readFileSync(new URL("../fixtures/calendars/berlin-2026.ics", import.meta.url), "utf8");

let api: Api;
let agent: TestUser;
let manager: TestUser;
let readOnly: TestUser;
let customer: TestUser;
let foreign: TestUser;

beforeAll(async () => {
  api = await openApi();
  agent = await agentUser(api.desk, "agent");
  manager = await agentUser(api.desk, "manager");
  customer = await customerUser(api.desk);
  const token = await tokenFor(api.desk, { type: "agent", id: manager.actor.id, email: manager.email }, "read");
  readOnly = { ...manager, token, headers: { authorization: `Bearer ${token}` } };
  foreign = await agentUser(await api.desk.inWorkspace("elsewhere"), "superadmin");
});

afterAll(async () => {
  await api?.close();
});

describe(`/api/v1/calendars (${engineUnderTest})`, () => {
  let officeId: string;

  it("creates the first calendar as the default and answers it with what the caller may do", async () => {
    const res = await call(api.app, manager, "POST", "/api/v1/calendars", {
      name: "Office hours",
      timeZone: "Europe/Berlin",
      hours: { mon: [{ start: "09:00", end: "18:00" }], fri: [{ start: "09:00", end: "15:00" }] },
      holidays: [{ yearly: "12-25", name: "Christmas" }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Office hours",
      isDefault: true,
      timeZone: "Europe/Berlin",
      hours: { mon: [{ start: "09:00", end: "18:00" }], tue: [], fri: [{ start: "09:00", end: "15:00" }], sun: [] },
      holidays: [{ yearly: "12-25", name: "Christmas" }],
      can: { update: true, delete: true, setDefault: false },
    });
    expect(Date.parse(res.body.createdAt)).not.toBeNaN();
    officeId = res.body.id;
  });

  it("lets agents and read-only tokens read, with every `can` false", async () => {
    const list = await call(api.app, agent, "GET", "/api/v1/calendars");
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(["Office hours"]);
    expect(list.body.items[0].can).toEqual({ update: false, delete: false, setDefault: false });
    expect(list.body.nextCursor).toBeNull();
    const byName = await call(api.app, readOnly, "GET", "/api/v1/calendars/office%20HOURS");
    expect([byName.status, byName.body.id, byName.body.can.update]).toEqual([200, officeId, false]);
  });

  it("refuses changes by agents, read-only tokens and customers, and reads by customers", async () => {
    expect((await call(api.app, agent, "POST", "/api/v1/calendars", { name: "Mine" })).status).toBe(403);
    expect((await call(api.app, readOnly, "POST", "/api/v1/calendars", { name: "Mine" })).status).toBe(403);
    expect((await call(api.app, agent, "PATCH", `/api/v1/calendars/${officeId}`, { name: "Mine" })).status).toBe(403);
    expect((await call(api.app, customer, "GET", "/api/v1/calendars")).status).toBe(403);
    expect((await call(api.app, customer, "GET", `/api/v1/calendars/${officeId}`)).status).toBe(403);
    expect((await call(api.app, null, "GET", "/api/v1/calendars")).status).toBe(401);
  });

  it("answers 400 naming the field for overlapping ranges, unknown zones and unknown keys", async () => {
    const overlap = await call(api.app, manager, "POST", "/api/v1/calendars", {
      name: "Broken",
      hours: {
        tue: [
          { start: "08:00", end: "12:00" },
          { start: "11:00", end: "16:00" },
        ],
      },
    });
    expect([overlap.status, overlap.body.error.field]).toEqual([400, "hours.tue.1"]);
    expect(overlap.body.error.message).toMatch(/overlaps range 0/);
    const zone = await call(api.app, manager, "PATCH", `/api/v1/calendars/${officeId}`, { timeZone: "Berlin" });
    expect([zone.status, zone.body.error.field]).toEqual([400, "timeZone"]);
    const extra = await call(api.app, manager, "PATCH", `/api/v1/calendars/${officeId}`, { isDefault: true });
    expect([extra.status, extra.body.error.field]).toEqual([400, "isDefault"]);
    const taken = await call(api.app, manager, "POST", "/api/v1/calendars", { name: "OFFICE hours" });
    expect([taken.status, taken.body.error.code]).toEqual([409, "calendar.name_taken"]);
  });

  it("changes hours, moves the default and imports holidays from .ics text", async () => {
    const late = await call(api.app, manager, "POST", "/api/v1/calendars", { name: "Late shift", timeZone: "UTC" });
    expect([late.status, late.body.isDefault, late.body.can.setDefault]).toEqual([201, false, true]);
    const patched = await call(api.app, manager, "PATCH", `/api/v1/calendars/${late.body.id}`, {
      hours: { sat: [{ start: "16:00", end: "24:00" }] },
    });
    expect([patched.status, patched.body.hours.sat, patched.body.hours.mon]).toEqual([
      200,
      [{ start: "16:00", end: "24:00" }],
      [],
    ]);
    const moved = await call(api.app, manager, "POST", "/api/v1/calendars/late%20shift/default");
    expect([moved.status, moved.body.isDefault]).toEqual([200, true]);
    const office = await call(api.app, manager, "GET", `/api/v1/calendars/${officeId}`);
    expect(office.body.isDefault).toBe(false);

    const imported = await call(api.app, manager, "POST", `/api/v1/calendars/${officeId}/holidays/import`, {
      ics: FEED,
    });
    expect(imported.status).toBe(200);
    // The feed's 25 December is already closed by the yearly Christmas holiday.
    expect(imported.body).toMatchObject({ added: 8, skipped: 1, removed: 0 });
    expect(imported.body.warnings).toHaveLength(2);
    expect(imported.body.calendar.holidays).toHaveLength(9);
    expect(imported.body.calendar.holidays).toContainEqual({ date: "2026-05-01", name: "Tag der Arbeit" });
    const replaced = await call(api.app, manager, "POST", `/api/v1/calendars/${officeId}/holidays/import`, {
      ics: FEED,
      replace: true,
    });
    expect(replaced.body).toMatchObject({ added: 0, skipped: 9, removed: 1 });
    const bad = await call(api.app, manager, "POST", `/api/v1/calendars/${officeId}/holidays/import`, {
      ics: "not a calendar",
    });
    expect([bad.status, bad.body.error.code, bad.body.error.field]).toEqual([400, "calendar.ics_no_holidays", "ics"]);
    const noBody = await call(api.app, manager, "POST", `/api/v1/calendars/${officeId}/holidays/import`, {});
    expect([noBody.status, noBody.body.error.field]).toEqual([400, "ics"]);
  });

  it("answers 409 to deleting a calendar an SLA policy uses, and deletes it once it is free", async () => {
    await api.desk.database.executeSql(
      `insert into sla_policies (id, workspace_id, name, position, calendar_id, targets, created_at, updated_at)
       values (gen_random_uuid(), $1, 'Gold customers', 0, $2, '{}'::jsonb, now(), now())`,
      [api.desk.workspace.id, officeId],
    );
    const refused = await call(api.app, manager, "DELETE", `/api/v1/calendars/${officeId}`);
    expect([refused.status, refused.body.error.code]).toEqual([409, "calendar.in_use"]);
    expect(refused.body.error.message).toMatch(/"Gold customers"/);
    await api.desk.database.executeSql("delete from sla_policies where workspace_id = $1", [api.desk.workspace.id]);
    const deleted = await call(api.app, manager, "DELETE", `/api/v1/calendars/${officeId}`);
    expect([deleted.status, deleted.body.name]).toEqual([200, "Office hours"]);
    expect((await call(api.app, manager, "GET", `/api/v1/calendars/${officeId}`)).status).toBe(404);
  });

  it("answers 404 to another workspace, which has its own calendars", async () => {
    const [late] = (await call(api.app, agent, "GET", "/api/v1/calendars")).body.items;
    expect((await call(api.app, foreign, "GET", `/api/v1/calendars/${late.id}`)).status).toBe(404);
    expect((await call(api.app, foreign, "PATCH", `/api/v1/calendars/${late.id}`, { name: "x" })).status).toBe(404);
    expect((await call(api.app, foreign, "POST", `/api/v1/calendars/${late.id}/default`)).status).toBe(404);
    expect((await call(api.app, foreign, "GET", "/api/v1/calendars")).body.items).toEqual([]);
  });
});
