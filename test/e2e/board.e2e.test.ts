import type { BrowserContext, Page } from "playwright-core";
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
/** Ticket numbers by role in the story. */
const n = {} as Record<"drag" | "refuse" | "stale" | "menu" | "keys" | "live" | "resolved" | "closed", string>;

async function ticket(subject: string, opts: { assignee?: string; urgency?: "critical" | "high"; tags?: string[] }) {
  const t = await w.desk.tickets.create({
    subject,
    description: "On the board.",
    company: w.companyId,
    ...(opts.assignee ? { assignee: opts.assignee } : {}),
    ...(opts.urgency ? { urgency: opts.urgency, importance: opts.urgency } : {}),
    ...(opts.tags ? { tags: opts.tags } : {}),
  });
  return t.number;
}

beforeAll(async () => {
  w = await openWebWorld();
  n.drag = await ticket("Printer queue stuck", {
    assignee: w.agent.id,
    urgency: "critical",
    tags: ["printing", "vip", "x"],
  });
  n.refuse = await ticket("Invoice address wrong", { assignee: w.agent.id });
  n.stale = await ticket("VPN drops at noon", { assignee: w.admin.id });
  n.menu = await ticket("Password reset mail missing", {});
  n.keys = await ticket("Laptop fan noisy", { urgency: "high" });
  n.live = await ticket("Shared drive full", { assignee: w.admin.id });
  await w.desk.tickets.updateStatus(n.live, "in_progress");
  n.resolved = await ticket("Monitor flickers", { assignee: w.agent.id });
  await w.desk.tickets.updateStatus(n.resolved, "resolved");
  n.closed = await ticket("Old keyboard swap", {});
  await w.desk.tickets.updateStatus(n.closed, "resolved");
  await w.desk.tickets.updateStatus(n.closed, "closed");
}, 60_000);
afterAll(async () => {
  await w?.close();
});

const card = (page: Page, column: string, number: string) =>
  page.locator(`[data-column="${column}"] [data-ticket="${number}"]`);
const statusOf = async (number: string) => (await w.desk.tickets.get(number)).status;

async function openBoard(user: WebUser, path = "/board", opts: Parameters<WebWorld["signedIn"]>[1] = {}) {
  const context = await w.signedIn(user, opts);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(path);
  await page.getByRole("heading", { name: "Board", level: 1 }).waitFor();
  await page.locator("[data-ticket]").first().waitFor();
  return { context, page, errors };
}

/** A real pointer drag: press on the card's handle, move in steps (dnd-kit needs them), release over the column. */
async function drag(page: Page, number: string, toColumn: string) {
  const handle = await page.getByRole("button", { name: `Drag ${number}` }).boundingBox();
  const target = await page.locator(`[data-column="${toColumn}"]`).first().boundingBox();
  if (!handle || !target) throw new Error(`cannot see the handle of ${number} or the ${toColumn} column`);
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 20, handle.y + 10, { steps: 4 });
  await page.mouse.move(target.x + target.width / 2, target.y + 30, { steps: 12 });
  await page.mouse.up();
}

const focused = (page: Page) => page.evaluate<string | null>("document.activeElement?.getAttribute('aria-label')");

async function csrf(context: BrowserContext): Promise<string> {
  return (await (await context.request.get("/api/v1/auth/me")).json()).csrfToken;
}

describe("board", () => {
  it("shows tickets in their status columns, closed ones on request, accessibly, down to 360 px and in dark mode", async () => {
    const { context, page, errors } = await openBoard(w.agent);
    await card(page, "open", n.drag).waitFor();
    await card(page, "in_progress", n.live).waitFor();
    await card(page, "resolved", n.resolved).waitFor();
    expect(await page.locator(`[data-ticket="${n.closed}"]`).count()).toBe(0);
    // Critical shows in words as well as colour; at most two tags, the rest counted.
    const critical = card(page, "open", n.drag);
    expect(await critical.textContent()).toMatch(/Critical/);
    expect(await critical.textContent()).toMatch(/\+1 more tags/);
    expect(await critical.getByRole("img", { name: "Assigned to Ben Agent" }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "board");

    await page.getByRole("switch", { name: "Show closed" }).check();
    await card(page, "closed", n.closed).waitFor();
    await page.getByRole("switch", { name: "Show closed" }).uncheck();
    await page.locator(`[data-ticket="${n.closed}"]`).waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await context.close();

    const small = await openBoard(w.agent, "/board", { viewport: { width: 360, height: 740 } });
    const overflow = await small.page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    // The columns scroll inside the board instead.
    const board = small.page.getByRole("region", { name: "Board columns" });
    expect(await board.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await seriousA11yViolations(small.page)).toEqual([]);
    await screenshot(small.page, "board-360");
    await small.context.close();

    const dark = await openBoard(w.agent, "/board", { dark: true });
    expect(await seriousA11yViolations(dark.page)).toEqual([]);
    await screenshot(dark.page, "board-dark");
    expect(dark.errors).toEqual([]);
    await dark.context.close();
  });

  it("changes the status by dragging, and snaps back with the reason when the workflow refuses", async () => {
    // Wide enough that Open and Review are both on screen (a pointer drag cannot reach a scrolled-away column).
    const { context, page, errors } = await openBoard(w.agent, "/board", { viewport: { width: 1800, height: 900 } });
    await drag(page, n.drag, "in_progress");
    await card(page, "in_progress", n.drag).waitFor();
    await expect.poll(() => statusOf(n.drag)).toBe("in_progress");

    // Open → Review is not in the workflow: the board refuses before asking the server.
    await drag(page, n.refuse, "review");
    await page
      .getByText(
        `${n.refuse} cannot move from Open to Review: allowed next statuses: In progress, On hold, Waiting on customer, Resolved, Cancelled.`,
      )
      .waitFor();
    await card(page, "open", n.refuse).waitFor();
    expect(await statusOf(n.refuse)).toBe("open");

    // The server refuses too when the board was stale: someone moved the ticket to Review meanwhile.
    await page.route("**/api/v1/tickets/*/status", async (route) => {
      await w.desk.tickets.updateStatus(n.stale, "in_progress");
      await w.desk.tickets.updateStatus(n.stale, "review");
      await route.continue();
    });
    await drag(page, n.stale, "on_hold");
    await page
      .getByText(`${n.stale} cannot move from Review to On hold: allowed next statuses: In progress, Resolved.`)
      .waitFor();
    await card(page, "review", n.stale).waitFor();
    expect(await statusOf(n.stale)).toBe("review");
    await page.unroute("**/api/v1/tickets/*/status");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("moves cards without a mouse: the Move to… menu and a keyboard drag", async () => {
    const { context, page, errors } = await openBoard(w.agent);
    await page.getByRole("button", { name: `Move ${n.menu} to…` }).focus();
    await page.keyboard.press("Enter");
    const item = page.getByRole("menuitem", { name: "Waiting on customer" });
    await item.waitFor();
    // Only what the workflow allows from Open is offered.
    expect(await page.getByRole("menuitem", { name: "Review" }).count()).toBe(0);
    await item.focus();
    await page.keyboard.press("Enter");
    await card(page, "pending_customer", n.menu).waitFor();
    await expect.poll(() => statusOf(n.menu)).toBe("pending_customer");
    // Focus follows the card to its new column.
    await expect.poll(() => focused(page)).toBe(`Drag ${n.menu}`);

    await page.getByRole("button", { name: `Drag ${n.keys}` }).focus();
    await page.keyboard.press("Space");
    // Lifted: the columns it may go to are marked (the sensor listens for arrows from then on).
    await page.locator('[data-column="in_progress"][data-drop="allowed"]').waitFor();
    expect(await page.locator('[data-column="review"][data-drop="refused"]').count()).toBe(1);
    await page.keyboard.press("ArrowRight");
    await page.locator('[data-column="in_progress"][data-drop="over"]').waitFor();
    await page.keyboard.press("Space");
    await card(page, "in_progress", n.keys).waitFor();
    await expect.poll(() => statusOf(n.keys)).toBe("in_progress");
    await expect.poll(() => focused(page)).toBe(`Drag ${n.keys}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("groups by assignee in swimlanes that remember being collapsed", async () => {
    const { context, page, errors } = await openBoard(w.agent);
    await page.getByRole("combobox", { name: "Swimlanes" }).click();
    await page.getByRole("option", { name: "Assignee" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("lanes")).toBe("assignee");
    const lane = (name: string) => page.getByRole("button", { name: new RegExp(`^${name} \\(\\d+ tickets?\\)$`) });
    await lane("Unassigned").waitFor();
    await lane("Ben Agent").waitFor();
    await lane("Ada Admin").waitFor();
    expect(await page.locator('[data-lane="Ben Agent"] [data-ticket]').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator(`[data-lane="Ada Admin"] [data-ticket="${n.live}"]`).count()).toBe(1);
    await screenshot(page, "board-lanes");

    await lane("Ada Admin").click();
    await page.locator(`[data-ticket="${n.live}"]`).waitFor({ state: "detached" });
    expect(await lane("Ada Admin").getAttribute("aria-expanded")).toBe("false");
    await page.reload();
    await lane("Ben Agent").waitFor();
    expect(await lane("Ada Admin").getAttribute("aria-expanded")).toBe("false");
    expect(await page.locator(`[data-ticket="${n.live}"]`).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("warns in words when a column is over its WIP limit; superadmins edit limits, agents only read them", async () => {
    await ticket("Scanner offline", {});
    await ticket("Badge reader beeps", {});
    const admin = await w.signedIn(w.admin);
    const res = await admin.request.patch("/api/v1/workspace/settings", {
      headers: { "x-csrf-token": await csrf(admin) },
      data: { boardWipLimits: { open: 1 } },
    });
    expect(res.status()).toBe(200);

    const agent = await openBoard(w.agent);
    const openHeader = agent.page.locator('[data-status="open"]');
    const openCount = await agent.page.locator('[data-column="open"] [data-ticket]').count();
    expect(openCount).toBeGreaterThan(1);
    expect(await openHeader.textContent()).toContain(`${openCount} / 1`);
    expect(await openHeader.textContent()).toContain(`Over WIP limit by ${openCount - 1}`);
    expect(await agent.page.getByRole("button", { name: /Set WIP limit/ }).count()).toBe(0);
    await agent.context.close();

    const page = await admin.newPage();
    await page.goto("/board");
    await page.getByRole("button", { name: "Set WIP limit for In progress" }).click();
    await page.getByRole("textbox", { name: "WIP limit for In progress" }).fill("5");
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .locator('[data-status="in_progress"]')
      .getByText(/\d+ \/ 5/)
      .waitFor();
    const settings = await (await admin.request.get("/api/v1/workspace")).json();
    expect(settings.settings.boardWipLimits).toEqual({ open: 1, in_progress: 5 });
    await admin.close();
  });

  it("shows a status change made elsewhere without a reload, and filters with the query language", async () => {
    const { context, page, errors } = await openBoard(w.agent);
    await card(page, "in_progress", n.live).waitFor();
    await w.desk.tickets.updateStatus(n.live, "review");
    await card(page, "review", n.live).waitFor({ timeout: 2_000 });

    // A filter with a top-level "or" still stays within the board's scope (no closed tickets).
    await page.getByRole("textbox", { name: "Filter" }).fill("assignee: me or #printing or subject: keyboard");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.locator(`[data-ticket="${n.live}"]`).waitFor({ state: "detached" });
    await card(page, "resolved", n.resolved).waitFor();
    expect(await page.locator(`[data-ticket="${n.closed}"]`).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get("q")).toBe("assignee: me or #printing or subject: keyboard");

    await page.getByRole("textbox", { name: "Filter" }).fill("stauts: open");
    await page.getByRole("button", { name: "Apply" }).click();
    await page
      .getByRole("alert")
      .getByText(/did you mean "status"/)
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
