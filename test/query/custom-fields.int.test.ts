/**
 * Custom ticket field definitions through the library: what a key, label and
 * option list may be, who manages them, and querying tickets by a custom
 * field as `cf.<key>`, by key and by label.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, type Helpdesk } from "../../src/lib/index.js";
import {
  asNewAgent,
  auditActions,
  domainError,
  engineUnderTest,
  isolatedWorkspace,
  openTestDesk,
  type TestDesk,
} from "../harness.js";

const clock = fixedClock(new Date("2025-06-02T09:00:00.000Z"));
let testDesk: TestDesk;

beforeAll(async () => {
  testDesk = await openTestDesk({ clock });
});

afterAll(async () => {
  await testDesk?.close();
});

describe(`defining custom fields (${engineUnderTest})`, () => {
  let ws: Helpdesk;
  let manager: Helpdesk;
  beforeAll(async () => {
    ws = await isolatedWorkspace(testDesk.desk);
    manager = await asNewAgent(ws, "manager");
  });

  it("refuses keys that are not lowercase letters, digits and underscores starting with a letter", async () => {
    for (const key of ["Plan", "1plan", "plan-tier", "plan.tier", "", "p".repeat(51)]) {
      const err = await domainError(manager.customFields.define({ key, label: "Plan", type: "text" }));
      expect([err.code, err.field], key).toEqual(["input.invalid", "key"]);
    }
    expect(
      (await manager.customFields.define({ key: `p${"1".repeat(49)}`, label: "Long", type: "text" })).key,
    ).toHaveLength(50);
  });

  it("refuses built-in field names, their aliases, query keywords and keys the engine writes itself", async () => {
    for (const key of ["status", "assignee", "owner", "from", "org", "tier", "plan", "is", "and", "sentiment"]) {
      const err = await domainError(manager.customFields.define({ key, label: `Field ${key}`, type: "text" }));
      expect([err.kind, err.code, err.field], key).toEqual(["validation", "custom_field.reserved_key", "key"]);
    }
    const label = await domainError(manager.customFields.define({ key: "prio", label: "Priority", type: "text" }));
    expect([label.code, label.field]).toEqual(["custom_field.reserved_label", "label"]);
  });

  it("requires distinct options for a select field and refuses them for other types", async () => {
    const none = await domainError(manager.customFields.define({ key: "grade", label: "Grade", type: "select" }));
    expect([none.code, none.field]).toEqual(["custom_field.options_required", "options"]);
    const empty = await domainError(
      manager.customFields.define({ key: "grade", label: "Grade", type: "select", options: [] }),
    );
    expect(empty.code).toBe("custom_field.options_required");
    const twice = await domainError(
      manager.customFields.define({ key: "grade", label: "Grade", type: "select", options: ["Gold", "gold"] }),
    );
    expect([twice.code, twice.field]).toEqual(["custom_field.duplicate_option", "options.1"]);
    const extra = await domainError(
      manager.customFields.define({ key: "seats", label: "Seats", type: "number", options: ["1"] }),
    );
    expect([extra.code, extra.field]).toEqual(["custom_field.options_not_allowed", "options"]);
    const label = await domainError(manager.customFields.define({ key: "x", label: "y".repeat(101), type: "text" }));
    expect(label.field).toBe("label");
  });

  it("refuses a key or label another field already answers to", async () => {
    await manager.customFields.define({ key: "region", label: "Sales region", type: "text" });
    const sameKey = await domainError(manager.customFields.define({ key: "region", label: "Region 2", type: "text" }));
    expect([sameKey.kind, sameKey.code]).toEqual(["conflict", "custom_field.key_taken"]);
    const keyIsLabel = await domainError(manager.customFields.define({ key: "area", label: "Region", type: "text" }));
    expect(keyIsLabel.code).toBe("custom_field.label_taken");
    const labelTaken = await domainError(
      manager.customFields.define({ key: "zone", label: "sales REGION", type: "text" }),
    );
    expect(labelTaken.code).toBe("custom_field.label_taken");
  });

  it("relabels fields and replaces select options, but never options of other types; every change is audited", async () => {
    const f = await manager.customFields.define({ key: "size", label: "Size", type: "select", options: ["s", "m"] });
    expect(f).toMatchObject({ key: "size", label: "Size", type: "select", options: ["s", "m"] });
    const changed = await manager.customFields.update("size", { label: "Company size", options: ["s", "m", "l"] });
    expect(changed).toMatchObject({ label: "Company size", options: ["s", "m", "l"] });
    const bad = await domainError(manager.customFields.update("region", { options: ["north"] }));
    expect(bad.code).toBe("custom_field.options_not_allowed");
    expect((await domainError(manager.customFields.update("size", { label: "Status" }))).code).toBe(
      "custom_field.reserved_label",
    );
    expect((await domainError(manager.customFields.update("nope", { label: "Nope" }))).code).toBe(
      "custom_field.not_found",
    );
    expect((await manager.customFields.delete("size")).key).toBe("size");
    expect((await domainError(manager.customFields.get("size"))).code).toBe("custom_field.not_found");
    expect(await auditActions(ws, "custom_field.")).toEqual(
      expect.arrayContaining(["custom_field.defined", "custom_field.changed", "custom_field.deleted"]),
    );
  });

  it("lets every agent read the fields, and only managers and superadmins change them", async () => {
    const agent = await asNewAgent(ws, "agent");
    const admin = await asNewAgent(ws, "superadmin");
    expect((await agent.customFields.list()).items.map((f) => f.key)).toContain("region");
    const refused = await domainError(agent.customFields.define({ key: "mood", label: "Mood", type: "text" }));
    expect([refused.kind, refused.code]).toEqual(["forbidden", "access.forbidden"]);
    expect((await domainError(agent.customFields.update("region", { label: "Area" }))).kind).toBe("forbidden");
    expect((await domainError(agent.customFields.delete("region"))).kind).toBe("forbidden");
    expect((await admin.customFields.update("region", { label: "Area" })).label).toBe("Area");
    const c = await ws.people.createCustomer({ email: "cora@mail.test" });
    const customer = ws.as({ type: "customer", id: c.id, role: "customer", companyId: null });
    expect((await domainError(customer.customFields.list())).kind).toBe("forbidden");
  });

  it("keeps each workspace's fields to itself", async () => {
    const other = await isolatedWorkspace(testDesk.desk);
    const otherManager = await asNewAgent(other, "manager");
    expect((await otherManager.customFields.list()).items).toEqual([]);
    expect((await domainError(otherManager.customFields.update("region", { label: "Mine" }))).code).toBe(
      "custom_field.not_found",
    );
    expect((await otherManager.customFields.define({ key: "region", label: "Region", type: "text" })).key).toBe(
      "region",
    );
  });
});

describe(`querying tickets by a custom field (${engineUnderTest})`, () => {
  let ws: Helpdesk;
  beforeAll(async () => {
    ws = await isolatedWorkspace(testDesk.desk);
    await ws.customFields.define({
      key: "edition",
      label: "Grade",
      type: "select",
      options: ["gold", "silver", "bronze"],
    });
    await ws.customFields.define({ key: "seats", label: "Seats", type: "number" });
    await ws.customFields.define({ key: "renewal", label: "Renewal date", type: "date" });
    const t = (subject: string, customFields: Record<string, unknown>) =>
      ws.tickets.create({ subject, requester: "pat@mail.test", customFields });
    await t("Gold big", { edition: "gold", seats: 250, renewal: "2025-07-01" });
    await t("Gold small", { edition: "Gold", seats: 5 });
    await t("Silver", { edition: "silver", seats: 40, renewal: "2025-12-31" });
    await t("No plan", {});
  });

  const subjects = async (q: string) => (await ws.tickets.list({ q })).items.map((t) => t.subject).sort();

  it("finds tickets as cf.<key>, by key and by label, case-insensitively", async () => {
    expect(await subjects("cf.edition: gold")).toEqual(["Gold big", "Gold small"]);
    expect(await subjects("edition: gold")).toEqual(["Gold big", "Gold small"]);
    expect(await subjects("grade: silver,bronze")).toEqual(["Silver"]);
    expect(await subjects("cf.edition: none")).toEqual(["No plan"]);
  });

  it("compares number and date fields", async () => {
    expect(await subjects("cf.seats: > 10")).toEqual(["Gold big", "Silver"]);
    expect(await subjects("seats: 5")).toEqual(["Gold small"]);
    expect(await subjects("cf.renewal: < 2025-08-01")).toEqual(["Gold big"]);
  });

  it("refuses a value a select field does not offer, and forgets a field once it is deleted", async () => {
    const bad = await domainError(ws.tickets.list({ q: "cf.edition: platinum" }));
    expect(bad.code).toBe("query.invalid");
    await ws.customFields.update("edition", { options: ["gold", "silver", "bronze", "platinum"] });
    expect(await subjects("cf.edition: platinum")).toEqual([]);
    await ws.customFields.delete("seats");
    expect((await domainError(ws.tickets.list({ q: "cf.seats: > 10" }))).code).toBe("query.invalid");
    // The stored values stay: defining the field again makes them queryable again.
    await ws.customFields.define({ key: "seats", label: "Seats", type: "number" });
    expect(await subjects("cf.seats: > 10")).toEqual(["Gold big", "Silver"]);
  });
});
