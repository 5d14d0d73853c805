import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collectPageErrors,
  openWebWorld,
  screenshot,
  seriousA11yViolations,
  type WebUser,
  type WebWorld,
} from "./web-world.js";

let w: WebWorld;
let carlaTicket: string;
let companyTicket: string;

const actorOf = (u: WebUser, role: "superadmin" | "agent") => ({ type: "agent" as const, id: u.id, role });

beforeAll(async () => {
  w = await openWebWorld();
  carlaTicket = (await w.desk.tickets.create({ subject: "Invoice missing for March", requester: w.customer.email }))
    .number;
  // A second member of Acme (by the company's domain), with a ticket of their own.
  companyTicket = (
    await w.desk.tickets.create({
      subject: "VPN keeps dropping",
      requester: "dan@acme.test",
      description: "Since Monday",
    })
  ).number;
}, 60_000);
afterAll(async () => {
  await w?.close();
});

/** axe on the page as a person sees it at rest (a row under the pointer is highlighted). */
async function a11y(page: Page): Promise<string[]> {
  await page.mouse.move(0, 0);
  return seriousA11yViolations(page);
}

/** Nothing wider than the window: tables scroll inside their own container. */
const horizontalOverflow = async (page: Page) =>
  Number(await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"));

describe("customers and companies", () => {
  it("finds Carla by a search (typos forgiven), shows her tickets and her company's members and tickets", async () => {
    const context = await w.signedIn(w.admin);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto("/customers");
    const table = page.getByRole("table", { name: "Customers" });
    await table.getByRole("link", { name: "Carla Customer" }).waitFor();
    expect(await a11y(page)).toEqual([]);
    await screenshot(page, "customers");

    await page.getByLabel("Search customers").fill("Carla Custmer");
    await page.waitForURL(/q=Carla/);
    await table.getByRole("link", { name: "Carla Customer" }).waitFor();
    expect(await table.getByRole("row").count()).toBe(2);
    await expect.poll(() => table.getByRole("row").nth(1).textContent()).toContain("Acme Corp");

    await table.getByRole("link", { name: "Carla Customer" }).click();
    await page.getByRole("heading", { level: 1, name: "Carla Customer" }).waitFor();
    const tickets = page.getByRole("table", { name: /Tickets of Carla/ });
    await tickets.getByRole("link", { name: carlaTicket }).waitFor();
    expect(await tickets.textContent()).not.toContain(companyTicket);
    expect(await page.getByText("Acme Corp").count()).toBeGreaterThan(0);
    expect(await a11y(page)).toEqual([]);
    await screenshot(page, "customer");

    await page.getByRole("link", { name: "Companies" }).first().click();
    const companies = page.getByRole("table", { name: "Companies" });
    await companies.getByRole("link", { name: "Acme Corp" }).waitFor();
    expect(await companies.textContent()).toContain("acme.test");
    expect(await a11y(page)).toEqual([]);
    await screenshot(page, "companies");

    await companies.getByRole("link", { name: "Acme Corp" }).click();
    const members = page.getByRole("table", { name: "Members" });
    await members.getByRole("link", { name: "Carla Customer" }).waitFor();
    await members.getByRole("link", { name: "dan@acme.test" }).waitFor();
    const companyTickets = page.getByRole("table", { name: "Tickets of Acme Corp" });
    await companyTickets.getByRole("link", { name: companyTicket }).waitFor();
    await companyTickets.getByRole("link", { name: carlaTicket }).waitFor();
    expect(await a11y(page)).toEqual([]);
    await screenshot(page, "company");
    expect(errors).toEqual([]);

    const phone = await (await w.signedIn(w.admin, { viewport: { width: 360, height: 740 } })).newPage();
    await phone.goto("/customers");
    await phone.getByRole("table", { name: "Customers" }).getByRole("link", { name: "Carla Customer" }).waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    expect(await a11y(phone)).toEqual([]);
    await screenshot(phone, "customers-360");
  });
});

describe("create-ticket dialog", () => {
  it("shows server validation on the right field, keeps the input, and creates a ticket for a new customer", async () => {
    const context = await w.signedIn(w.agent);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto("/customers");
    await page.getByRole("heading", { level: 1, name: "Customers" }).waitFor();
    // The keyboard shortcut opens the dialog when nobody is typing.
    await page.locator("body").press("c");
    const dialog = page.getByRole("dialog", { name: "New ticket" });
    await dialog.waitFor();

    const subject = dialog.getByLabel("Subject");
    const requester = dialog.getByLabel("Requester");
    await subject.fill("x".repeat(501));
    await requester.fill("newbie@example.org");
    await dialog.getByLabel("Description").fill("The printer on floor 2 is out of toner.");
    await dialog.getByRole("button", { name: "Create ticket" }).click();
    await dialog.getByText("must be at most 500 characters").waitFor();
    expect(await subject.getAttribute("aria-invalid")).toBe("true");
    expect(await subject.inputValue()).toHaveLength(501);

    await subject.fill("Printer out of toner");
    await requester.fill("not-an-email");
    await dialog.getByRole("button", { name: "Create ticket" }).click();
    await dialog.getByText(/must be an email address/).waitFor();
    expect(await requester.getAttribute("aria-invalid")).toBe("true");
    expect(await subject.getAttribute("aria-invalid")).not.toBe("true");

    await requester.fill("newbie@example.org");
    await dialog.getByText("No customer has this email yet").waitFor();
    await dialog.getByLabel("Urgency").click();
    await page.getByRole("option", { name: "Critical" }).click();
    await dialog.getByLabel("Importance").click();
    await page.getByRole("option", { name: "High" }).click();
    // critical × high → critical, shown before saving.
    await dialog.getByText("Critical", { exact: true }).waitFor();
    expect(await a11y(page)).toEqual([]);
    await screenshot(page, "create-ticket");

    await dialog.getByRole("button", { name: "Create ticket" }).click();
    await page.waitForURL(/\/tickets\/[A-Z]+-\d+$/);
    const number = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
    await page.getByRole("link", { name: new RegExp(`${number}: Printer out of toner`) }).waitFor();
    const created = await w.desk.tickets.get(number);
    expect(created.subject).toBe("Printer out of toner");
    expect(created.priority).toBe("critical");
    const newbie = (await w.desk.people.listCustomers({ q: "newbie@example.org" })).items;
    expect(newbie.map((c) => c.email)).toEqual(["newbie@example.org"]);
    expect(created.requesterId).toBe(newbie[0]?.id);
    expect(errors).toEqual([]);
  });
});

describe("admin", () => {
  it("lets a superadmin add an agent, change a role, build a team and read the roles matrix", async () => {
    const context = await w.signedIn(w.admin);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto("/admin");
    const agents = page.getByRole("table", { name: "Agents" });
    await agents.getByText("ben@desk.test").waitFor();

    await page.getByRole("button", { name: "New agent" }).click();
    const dialog = page.getByRole("dialog", { name: "New agent" });
    await dialog.getByLabel("Name").fill("Dora Dispatcher");
    await dialog.getByLabel("Email").fill("dora@desk.test");
    await dialog.getByRole("button", { name: "Add agent" }).click();
    await agents.getByText("dora@desk.test").waitFor();
    const dora = (await w.desk.people.listAgents()).items.find((a) => a.email === "dora@desk.test");
    expect(dora?.role).toBe("agent");

    await agents.getByLabel("Role of Dora Dispatcher").click();
    await page.getByRole("option", { name: "Manager" }).click();
    await expect.poll(async () => (await w.desk.people.getAgent(dora?.id ?? "")).role).toBe("manager");
    await page.getByText("Dora Dispatcher is now manager.").waitFor();
    expect(await a11y(page)).toEqual([]);
    await screenshot(page, "admin-users");

    await page.getByRole("tab", { name: "Teams" }).click();
    await page.waitForURL(/tab=teams/);
    await page.getByRole("button", { name: "New team" }).click();
    const teamDialog = page.getByRole("dialog", { name: "New team" });
    await teamDialog.getByLabel("Name").fill("Billing");
    await teamDialog.getByPlaceholder("Choose agents").click();
    await page.getByRole("option", { name: "Ben Agent" }).click();
    await teamDialog.getByRole("button", { name: "Create team" }).click();
    const teams = page.getByRole("table", { name: "Teams" });
    await teams.getByRole("cell", { name: "Billing", exact: true }).waitFor();
    const billing = (await w.desk.people.listTeams()).items.find((t) => t.name === "Billing");
    expect(billing?.memberIds).toEqual([w.agent.id]);
    expect(await a11y(page)).toEqual([]);
    await screenshot(page, "admin-teams");

    await page.getByRole("tab", { name: "Roles" }).click();
    const matrix = page.getByRole("table", { name: "Permissions by role" });
    const assign = matrix.getByRole("row", { name: /Assign tickets/ });
    await assign.waitFor();
    const cells = await assign.getByRole("cell").allTextContents();
    // superadmin, manager, agent may; company users and customers may not.
    expect(cells.map((c) => c.includes("Allowed"))).toEqual([true, true, true, false, false]);
    const read = await matrix
      .getByRole("row", { name: /Read tickets/ })
      .getByRole("cell")
      .allTextContents();
    expect(read[4]).toContain("own only");
    expect(await page.getByText("Dora Dispatcher").count()).toBeGreaterThan(0);
    expect(await a11y(page)).toEqual([]);
    await screenshot(page, "admin-roles");
    expect(errors).toEqual([]);

    const dark = await (await w.signedIn(w.admin, { dark: true })).newPage();
    await dark.goto("/admin?tab=users");
    await dark.getByRole("table", { name: "Agents" }).getByText("dora@desk.test").waitFor();
    expect(await a11y(dark)).toEqual([]);
    await screenshot(dark, "admin-dark");

    // A manager edits the new customer from the dialog test and converts them into a company user.
    await page.goto("/customers?q=newbie");
    await page.getByRole("table", { name: "Customers" }).getByRole("link", { name: "newbie@example.org" }).click();
    await page.getByRole("button", { name: "Edit profile" }).click();
    await page.getByLabel("Name").fill("Nina Newbie");
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByRole("heading", { level: 1, name: "Nina Newbie" }).waitFor();
    await page.getByRole("button", { name: "Convert to company user" }).click();
    const convert = page.getByRole("dialog", { name: "Convert to company user" });
    await convert.getByLabel("Company").click();
    await page.getByRole("option", { name: "Acme Corp" }).click();
    await convert.getByRole("button", { name: "Convert", exact: true }).click();
    await page.getByRole("button", { name: "Convert to company user" }).waitFor({ state: "detached" });
    const nina = (await w.desk.people.listCustomers({ q: "newbie@example.org" })).items[0];
    expect([nina?.name, nina?.role, nina?.companyId]).toEqual(["Nina Newbie", "company_user", w.companyId]);
  });

  it("tells an agent that the admin area needs a manager role", async () => {
    const page = await (await w.signedIn(w.agent)).newPage();
    await page.goto("/admin");
    await page.getByRole("alert").filter({ hasText: "You need a manager role" }).waitFor();
    expect(await page.getByRole("table", { name: "Agents" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Admin" }).count()).toBe(0);
  });
});

describe("notifications page", () => {
  it("lists a mention, marks it read, and saves preferences", async () => {
    const ben = w.desk.as(actorOf(w.agent, "agent"));
    await w.desk
      .as(actorOf(w.admin, "superadmin"))
      .tickets.addComment(carlaTicket, { body: "@ben@desk.test can you check the invoice?", internal: true });
    await expect
      .poll(async () => (await ben.notifications.list()).items.map((n) => n.kind), { timeout: 15_000 })
      .toContain("mention");

    const page = await (await w.signedIn(w.agent)).newPage();
    const errors = collectPageErrors(page);
    await page.goto("/notifications");
    const list = page.getByRole("list", { name: "Notifications" });
    const mention = list.getByRole("listitem").filter({ hasText: "Ada Admin mentioned you" });
    await mention.waitFor();
    expect(await mention.getByRole("link", { name: /mentioned you/ }).getAttribute("href")).toBe(
      `/tickets/${carlaTicket}`,
    );
    await page.getByRole("checkbox", { name: "Mentions by Email" }).waitFor();
    expect(await a11y(page)).toEqual([]);
    await screenshot(page, "notifications");

    const unreadBefore = await ben.notifications.unreadCount();
    expect(unreadBefore).toBeGreaterThan(0);
    await mention.getByRole("button", { name: /Mark read/ }).click();
    await expect.poll(() => ben.notifications.unreadCount()).toBe(unreadBefore - 1);
    await mention.getByRole("button", { name: /Mark read/ }).waitFor({ state: "detached" });

    await page.getByRole("checkbox", { name: "Mentions by Email" }).uncheck();
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect.poll(async () => (await ben.notifications.preferences.get()).channels.mention?.email).toBe(false);
    expect(errors).toEqual([]);
  });
});
