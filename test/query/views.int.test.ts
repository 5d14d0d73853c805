/**
 * Views (saved queries) through the library: who sees, shares and changes
 * them per role, live counts for the person looking, queries refused on save
 * with positions, views that stop working, and workspace isolation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, fixedClock, type Helpdesk } from "../../src/lib/index.js";
import { domainError, engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

const clock = fixedClock(new Date("2025-06-02T09:00:00.000Z"));
let testDesk: TestDesk;

beforeAll(async () => {
  testDesk = await openTestDesk({ clock });
});

afterAll(async () => {
  await testDesk?.close();
});

interface World {
  ws: Helpdesk;
  manager: Helpdesk;
  admin: Helpdesk;
  /** Member of Billing. */
  billing: Helpdesk;
  /** Member of Support. */
  support: Helpdesk;
  /** In no team. */
  loner: Helpdesk;
  ids: Record<"manager" | "admin" | "billing" | "support" | "loner", string>;
}

async function world(): Promise<World> {
  const ws = await isolatedWorkspace(testDesk.desk);
  const person = async (name: string, role: "agent" | "manager" | "superadmin") => {
    const a = await ws.people.createAgent({ email: `${name}@desk.test`, name, role });
    return { id: a.id, desk: ws.as({ type: "agent", id: a.id, role } as Actor) };
  };
  const manager = await person("mona", "manager");
  const admin = await person("ada", "superadmin");
  const billing = await person("bill", "agent");
  const support = await person("sue", "agent");
  const loner = await person("lone", "agent");
  await ws.people.createTeam({ name: "Billing", members: [billing.id] });
  await ws.people.createTeam({ name: "Support", members: [support.id] });
  return {
    ws,
    manager: manager.desk,
    admin: admin.desk,
    billing: billing.desk,
    support: support.desk,
    loner: loner.desk,
    ids: { manager: manager.id, admin: admin.id, billing: billing.id, support: support.id, loner: loner.id },
  };
}

const names = async (d: Helpdesk) => (await d.views.list({ counts: false })).items.map((v) => v.name).sort();

describe(`who sees a view (${engineUnderTest})`, () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
    await w.billing.views.create({ name: "My open", query: "status: open" });
    await w.billing.views.create({
      name: "Billing queue",
      query: "team: Billing",
      visibility: "team",
      team: "Billing",
    });
    await w.manager.views.create({ name: "Everything urgent", query: "priority: critical", visibility: "workspace" });
  });

  it("shows a personal view to its owner only, not even to managers", async () => {
    expect(await names(w.billing)).toContain("My open");
    for (const d of [w.support, w.loner, w.manager, w.admin]) expect(await names(d)).not.toContain("My open");
    const mine = (await w.billing.views.get("My open")).id;
    expect((await domainError(w.manager.views.get(mine))).code).toBe("view.not_found");
    expect((await domainError(w.support.views.run(mine))).code).toBe("view.not_found");
  });

  it("shows a team view to that team's members, managers and superadmins", async () => {
    for (const d of [w.billing, w.manager, w.admin]) expect(await names(d)).toContain("Billing queue");
    for (const d of [w.support, w.loner]) expect(await names(d)).not.toContain("Billing queue");
  });

  it("shows a workspace view to every agent", async () => {
    for (const d of [w.billing, w.support, w.loner, w.manager, w.admin]) {
      expect(await names(d)).toContain("Everything urgent");
    }
  });

  it("gives customers no views at all", async () => {
    const c = await w.ws.people.createCustomer({ email: "carol@mail.test" });
    const customer = w.ws.as({ type: "customer", id: c.id, role: "customer", companyId: null });
    expect((await domainError(customer.views.list())).code).toBe("access.forbidden");
    expect((await domainError(customer.views.create({ name: "x", query: "" }))).code).toBe("access.forbidden");
  });

  it("lets the system actor list every view but own none", async () => {
    expect(await names(w.ws)).toEqual(["Billing queue", "Everything urgent", "My open"]);
    expect((await domainError(w.ws.views.create({ name: "ops", query: "" }))).code).toBe("view.agent_only");
  });
});

describe(`who shares and changes a view (${engineUnderTest})`, () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("lets an agent share with their own team, not another team or the workspace", async () => {
    const own = await w.support.views.create({ name: "Ours", query: "", visibility: "team", team: "Support" });
    expect(own.visibility).toBe("team");
    const other = await domainError(
      w.support.views.create({ name: "Theirs", query: "", visibility: "team", team: "Billing" }),
    );
    expect([other.kind, other.code]).toEqual(["forbidden", "view.share_forbidden"]);
    const all = await domainError(w.support.views.create({ name: "All", query: "", visibility: "workspace" }));
    expect(all.code).toBe("view.share_forbidden");
    const made = await w.support.views.create({ name: "Later", query: "" });
    expect((await domainError(w.support.views.update(made.id, { visibility: "workspace" }))).code).toBe(
      "view.share_forbidden",
    );
  });

  it("lets managers and superadmins share with any team or the workspace", async () => {
    await w.manager.views.create({ name: "For billing", query: "", visibility: "team", team: "Billing" });
    const v = await w.admin.views.create({ name: "For all", query: "", visibility: "workspace" });
    expect(await names(w.billing)).toEqual(expect.arrayContaining(["For billing", "For all"]));
    expect(v.ownerId).toBe(w.ids.admin);
  });

  it("lets only the owner, a manager or a superadmin change or delete a view", async () => {
    const shared = await w.manager.views.create({ name: "Shared", query: "", visibility: "workspace" });
    const refused = await domainError(w.loner.views.update(shared.id, { name: "Mine now" }));
    expect([refused.kind, refused.code]).toEqual(["forbidden", "view.not_owner"]);
    expect((await domainError(w.loner.views.delete(shared.id))).code).toBe("view.not_owner");
    const teamView = await w.billing.views.create({ name: "Team", query: "", visibility: "team", team: "Billing" });
    expect((await w.manager.views.update(teamView.id, { name: "Team (curated)" })).name).toBe("Team (curated)");
    expect((await w.billing.views.update(teamView.id, { query: "status: open" })).query).toBe("status: open");
    expect((await w.admin.views.delete(teamView.id)).id).toBe(teamView.id);
    expect((await domainError(w.billing.views.get(teamView.id))).code).toBe("view.not_found");
  });

  it("moves a view between teams and makes it personal again, keeping the team only on team views", async () => {
    const v = await w.manager.views.create({ name: "Moving", query: "", visibility: "team", team: "Billing" });
    const moved = await w.manager.views.update(v.id, { team: "Support" });
    expect([moved.visibility, moved.teamId]).toEqual(["team", (await w.ws.people.getTeam("Support")).id]);
    const personal = await w.manager.views.update(v.id, { visibility: "personal" });
    expect([personal.visibility, personal.teamId]).toEqual(["personal", null]);
    expect((await domainError(w.manager.views.update(v.id, { visibility: "team" }))).code).toBe("view.team_required");
    expect((await domainError(w.manager.views.update(v.id, { team: "Billing" }))).code).toBe("view.team_not_allowed");
    const missing = await domainError(w.manager.views.create({ name: "No team", query: "", visibility: "team" }));
    expect([missing.code, missing.field]).toEqual(["view.team_required", "team"]);
    expect((await domainError(w.manager.views.update(v.id, { visibility: "team", team: "Nope" }))).code).toBe(
      "team.not_found",
    );
  });

  it("still shows an owner the team view of a team they left, which they may unshare or delete but not keep shared", async () => {
    const v = await w.billing.views.create({ name: "Old team", query: "", visibility: "team", team: "Billing" });
    await w.ws.people.setTeamMembers("Billing", { members: [] });
    expect(await names(w.billing)).toContain("Old team");
    expect((await domainError(w.billing.views.update(v.id, { name: "Renamed" }))).code).toBe("view.share_forbidden");
    const unshared = await w.billing.views.update(v.id, { visibility: "personal", name: "Renamed" });
    expect([unshared.visibility, unshared.name]).toEqual(["personal", "Renamed"]);
    await w.ws.people.setTeamMembers("Billing", { members: [w.ids.billing] });
  });

  it("keeps names unique per owner (any case), finds a name's own view first, and calls two shared ones ambiguous", async () => {
    await w.loner.views.create({ name: "Inbox", query: "" });
    const dup = await domainError(w.loner.views.create({ name: "inbox", query: "status: open" }));
    expect([dup.kind, dup.code]).toEqual(["conflict", "view.name_taken"]);
    const other = await w.loner.views.create({ name: "Other", query: "" });
    expect((await domainError(w.loner.views.update(other.id, { name: "INBOX" }))).code).toBe("view.name_taken");
    await w.manager.views.create({ name: "Inbox", query: "status: open", visibility: "workspace" });
    expect((await w.loner.views.get("inbox")).ownerId).toBe(w.ids.loner);
    expect((await w.support.views.get("Inbox")).ownerId).toBe(w.ids.manager);
    await w.admin.views.create({ name: "Inbox", query: "", visibility: "workspace" });
    expect((await domainError(w.support.views.get("Inbox"))).code).toBe("view.ambiguous");
  });

  it("lists views by position, new ones last, and stores display settings as given", async () => {
    const a = await w.admin.views.create({ name: "Zulu", query: "", display: { columns: ["number", "subject"] } });
    const b = await w.admin.views.create({ name: "Alpha", query: "" });
    expect(b.position).toBe(a.position + 1);
    await w.admin.views.update(b.id, { position: 0 });
    const mine = (await w.admin.views.list({ counts: false })).items.filter((v) => v.ownerId === w.ids.admin);
    expect(mine.map((v) => v.name).slice(0, 2)).toEqual(["Alpha", "For all"]);
    expect((await w.admin.views.get(a.id)).display).toEqual({ columns: ["number", "subject"] });
  });
});

describe(`queries checked on save (${engineUnderTest})`, () => {
  it("refuses a bad query with the positioned issues, and leaves the view unchanged on update", async () => {
    const w = await world();
    const err = await domainError(w.billing.views.create({ name: "Typo", query: "priority: high stauts: open" }));
    expect([err.kind, err.code, err.field]).toEqual(["validation", "query.invalid", "q"]);
    const issues = err.details?.issues as { message: string; at: string; span: { start: number } }[];
    expect(issues[0]?.at).toBe("1:16");
    expect(issues[0]?.span.start).toBe(15);
    expect(issues[0]?.message).toMatch(/stauts/);
    const saved = await w.billing.views.create({ name: "Fine", query: "status: open" });
    const bad = await domainError(w.billing.views.update(saved.id, { query: "assignee: nobody-here" }));
    expect(bad.code).toBe("query.invalid");
    expect(((bad.details?.issues ?? []) as { at: string }[])[0]?.at).toBe("1:11");
    expect((await w.billing.views.get(saved.id)).query).toBe("status: open");
    expect(await names(w.billing)).toEqual(["Fine"]);
  });
});

describe(`live counts (${engineUnderTest})`, () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
    const t = (subject: string, extra: Record<string, unknown> = {}) =>
      w.ws.tickets.create({ subject, requester: "rita@mail.test", ...extra });
    await t("VIP one", { tags: ["vip"], assignee: "bill@desk.test" });
    await t("VIP two", { tags: ["vip"], assignee: "bill@desk.test" });
    await t("VIP three", { tags: ["vip"], assignee: "sue@desk.test", team: "Support" });
    await t("Plain", { assignee: "sue@desk.test", team: "Support" });
    const done = await t("VIP cancelled", { tags: ["vip"] });
    await w.ws.tickets.updateStatus(done.number, "cancelled");
    await w.manager.views.create({ name: "VIP", query: "tag: vip status: active", visibility: "workspace" });
    await w.manager.views.create({ name: "Mine", query: "assignee: me", visibility: "workspace" });
  });

  const counts = async (d: Helpdesk, cap?: number) =>
    Object.fromEntries(
      (await d.views.list(cap ? { cap } : {})).items.map((v) => [v.name, [v.count, v.capped, v.error]]),
    );

  it("counts each view's tickets for the person looking", async () => {
    expect(await counts(w.manager)).toEqual({ VIP: [3, false, null], Mine: [0, false, null] });
    expect((await counts(w.billing)).Mine).toEqual([2, false, null]);
    expect((await counts(w.support)).Mine).toEqual([2, false, null]);
  });

  it("caps counts and says so", async () => {
    expect((await counts(w.manager, 2)).VIP).toEqual([2, true, null]);
    expect((await counts(w.manager, 3)).VIP).toEqual([3, false, null]);
    expect(await w.manager.views.count("tag: vip", 1)).toEqual({ count: 1, capped: true });
    expect(await w.manager.views.count("tag: vip")).toEqual({ count: 4, capped: false });
  });

  it("counts only the tickets an agent limited to their teams may see", async () => {
    await w.ws.people.updateAgent("bill@desk.test", { teamsOnly: true });
    // Bill is in Billing only: Support's ticket is out of his sight; unrouted tickets are in.
    expect((await counts(w.billing)).VIP).toEqual([2, false, null]);
    await w.ws.people.updateAgent("bill@desk.test", { teamsOnly: false });
  });

  it("runs a view as a page of the same tickets listTickets returns, for the person running it", async () => {
    const vip = await w.support.views.get("VIP");
    const first = await w.support.views.run(vip.id, { limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await w.support.views.run(vip.id, { limit: 2, cursor: first.nextCursor ?? "" });
    const all = await w.support.tickets.list({ q: vip.query, limit: 10 });
    expect([...first.items, ...second.items].map((t) => t.number)).toEqual(all.items.map((t) => t.number));
    expect((await w.support.views.run("Mine")).items.map((t) => t.subject).sort()).toEqual(["Plain", "VIP three"]);
  });
});

describe(`views whose query stopped working (${engineUnderTest})`, () => {
  it("are listed with the reason instead of a count, and refuse to run", async () => {
    const w = await world();
    const gone = await w.ws.people.createAgent({ email: "gone@desk.test", name: "Gone Soon" });
    await w.ws.customFields.define({ key: "edition", label: "Edition", type: "select", options: ["gold", "silver"] });
    await w.manager.views.create({ name: "Gone's", query: "assignee: gone@desk.test", visibility: "workspace" });
    await w.manager.views.create({ name: "Billing team", query: "team: Billing", visibility: "workspace" });
    await w.manager.views.create({ name: "Gold", query: "cf.edition: gold", visibility: "workspace" });
    await w.manager.views.create({ name: "Healthy", query: "status: active", visibility: "workspace" });
    // The engine has no way to delete an agent yet; an operator removing the row is the case to survive.
    await w.ws.database.executeSql("delete from agents where id = $1", [gone.id]);
    await w.ws.people.updateTeam("Billing", { name: "Finance" });
    await w.ws.customFields.delete("edition");

    const items = Object.fromEntries((await w.loner.views.list()).items.map((v) => [v.name, v]));
    expect(items["Gone's"]?.count).toBeNull();
    expect(items["Gone's"]?.error).toMatch(/no agent "gone@desk\.test" at 1:11/);
    expect(items["Billing team"]?.error).toMatch(/no team "Billing" at 1:7/);
    expect(items.Gold?.error).toMatch(/cf\.edition/);
    expect([items.Healthy?.count, items.Healthy?.error]).toEqual([0, null]);
    expect((await domainError(w.loner.views.run("Billing team"))).code).toBe("query.invalid");
    // Fixing the query brings the count back.
    await w.manager.views.update("Billing team", { query: "team: Finance" });
    const fixed = (await w.loner.views.list()).items.find((v) => v.name === "Billing team");
    expect([fixed?.count, fixed?.error]).toEqual([0, null]);
  });
});

describe(`workspace isolation (${engineUnderTest})`, () => {
  it("never finds, lists, runs, changes or deletes another workspace's view", async () => {
    const home = await world();
    const away = await world();
    const v = await home.manager.views.create({ name: "Home only", query: "", visibility: "workspace" });
    for (const d of [away.manager, away.admin, away.loner]) {
      expect(await names(d)).not.toContain("Home only");
      expect((await domainError(d.views.get(v.id))).code).toBe("view.not_found");
      expect((await domainError(d.views.get("Home only"))).code).toBe("view.not_found");
      expect((await domainError(d.views.run(v.id))).code).toBe("view.not_found");
      expect((await domainError(d.views.update(v.id, { name: "Taken" }))).code).toBe("view.not_found");
      expect((await domainError(d.views.delete(v.id))).code).toBe("view.not_found");
    }
    // Nor share a view with this workspace's team by its id.
    const homeTeam = (await home.ws.people.getTeam("Billing")).id;
    const foreignTeam = await domainError(
      away.manager.views.create({ name: "x", query: "", visibility: "team", team: homeTeam }),
    );
    expect(foreignTeam.code).toBe("team.not_found");
    expect((await home.manager.views.get(v.id)).name).toBe("Home only");
  });
});
