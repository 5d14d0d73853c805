/**
 * The ticket list (issue 4 §2): query bar and URL, bad queries, header sorting,
 * keyboard control, bulk changes with per-ticket failures, saved views, virtual
 * scrolling over hundreds of tickets, narrow and dark screens.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, openWebWorld, screenshot, seriousA11yViolations, type WebWorld } from "./web-world.js";

let w: WebWorld;
let context: BrowserContext;
/** The 30 tickets of the list tests, in creation (= number) order. */
const numbers: string[] = [];
const LEVELS = ["low", "medium", "high", "critical"] as const;

beforeAll(async () => {
  w = await openWebWorld();
  for (let i = 0; i < 30; i++) {
    const t = await w.desk.tickets.create({
      subject: `Listy ticket ${String(i + 1).padStart(2, "0")}`,
      description: "made by the ticket list test",
      urgency: LEVELS[i % 4],
      importance: LEVELS[(i >> 1) % 4],
      tags: i % 3 === 0 ? ["listy", "vip"] : ["listy"],
      ...(i % 5 === 0 ? { company: w.companyId } : {}),
    });
    numbers.push(t.number);
    if (i % 7 === 3) await w.desk.tickets.assign(t.id, w.admin.id);
    if (i % 10 === 9) await w.desk.tickets.updateStatus(t.id, "resolved");
    if (i % 10 === 4) await w.desk.tickets.updateStatus(t.id, i === 14 ? "on_hold" : "pending_customer");
  }
  context = await w.signedIn(w.admin);
});
afterAll(async () => {
  await w?.close();
});

/** The server and the browser share two busy cores: give every wait room. */
const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });
const rows = (page: Page) => page.locator("table[aria-label='Tickets'] tbody tr[data-index]");
const listUrl = (q: string) => `/tickets?q=${encodeURIComponent(q)}`;
async function expectedNumbers(q: string): Promise<string[]> {
  return (await w.desk.tickets.list({ q, limit: 500 })).items.map((t) => t.number);
}
async function shownNumbers(page: Page): Promise<string[]> {
  return rows(page).locator("td:nth-child(2)").allInnerTexts();
}
const countText = (page: Page) => page.getByTestId("ticket-count").innerText();
/** The rows on screen are the first of `want` (the rest are virtual), and the count says all of them. */
async function expectRows(page: Page, want: string[]) {
  await poll(() => countText(page)).toBe(`${want.length} tickets`);
  await poll(async () => {
    const shown = await shownNumbers(page);
    return shown.length >= Math.min(want.length, 10) && shown.every((n, i) => n === want[i]);
  }).toBe(true);
}
async function runQuery(page: Page, q: string) {
  const bar = page.getByRole("combobox", { name: "Query" });
  await bar.fill(q);
  await bar.press("Escape");
  await page.getByRole("button", { name: "Search", exact: true }).click();
}

describe("ticket list", () => {
  it("runs queries from the bar and the address, keeps rows on a bad query, sorts by header", async () => {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto("/tickets");
    await rows(page).first().waitFor();
    // The default queue is the active tickets: 27 of the 30 (three were resolved).
    await expectRows(page, await expectedNumbers("status: active"));
    expect(await page.getByRole("combobox", { name: "Query" }).inputValue()).toBe("status: active");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "ticket-list");

    // Suggestions come from the server as you type, and the chosen one goes in at the cursor.
    const bar = page.getByRole("combobox", { name: "Query" });
    await bar.fill("#listy stat");
    await page.getByRole("option", { name: /^status/ }).waitFor();
    await bar.press("ArrowDown");
    await bar.press("Enter");
    await poll(() => bar.inputValue()).toBe("#listy status: ");

    const q = "status: active priority: >= high #listy";
    await runQuery(page, q);
    await page.waitForURL((url) => url.searchParams.get("q") === q);
    const want = await expectedNumbers(q);
    expect(want.length).toBeGreaterThan(3);
    expect(want.length).toBeLessThan(27);
    await expectRows(page, want);

    await runQuery(page, "stauts: open");
    const alert = page.getByRole("alert").filter({ hasText: "This query cannot run" });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/unknown field "stauts" at 1:1/);
    expect(await page.getByRole("combobox", { name: "Query" }).getAttribute("aria-invalid")).toBe("true");
    expect(await shownNumbers(page)).toEqual(want);
    // The server's suggestion fixes it in one click.
    await alert.getByRole("button", { name: /Use .status./ }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "status: open");
    await expectRows(page, await expectedNumbers("status: open"));

    await page.goto(listUrl("#listy"));
    await rows(page).first().waitFor();
    await page.getByRole("button", { name: "Sort by number" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "#listy sort by: number desc");
    await poll(async () => (await shownNumbers(page))[0]).toBe(numbers.at(-1));
    expect(await page.locator("th[aria-sort='descending']").innerText()).toMatch(/Number/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("moves with j/k, selects with x, opens with Enter, and / goes to the bar", async () => {
    const page = await context.newPage();
    await page.goto(listUrl("#listy sort by: number asc"));
    await rows(page).first().waitFor();
    await page.keyboard.press("/");
    await poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe("Query");
    await page.keyboard.press("Escape");
    await poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).not.toBe("Query");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("x");
    await page.getByText("1 selected").waitFor();
    expect(await page.locator("tr[data-cursor] td:nth-child(2)").innerText()).toBe(numbers[1]);
    await page.keyboard.press("k");
    await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === `/tickets/${numbers[1]}`);
    // Back in the list, the cursor is where the agent left it.
    await page.goBack();
    await poll(() => page.locator("tr[data-cursor] td:nth-child(2)").innerText()).toBe(numbers[1]);
    await page.close();
  });

  it("bulk-assigns and bulk-changes status, reporting each refusal with the server's reason", async () => {
    const page = await context.newPage();
    const q = "#listy status: open sort by: number asc";
    await page.goto(listUrl(q));
    await rows(page).first().waitFor();
    const picked = (await shownNumbers(page)).slice(0, 3);
    await rows(page).nth(0).getByRole("checkbox").click();
    await rows(page)
      .nth(2)
      .getByRole("checkbox")
      .click({ modifiers: ["Shift"] });
    await page.getByText("3 selected").waitFor();

    await page.getByRole("button", { name: "Assign…" }).click();
    await page.getByRole("combobox", { name: "Agent" }).fill("Ben");
    await page.getByRole("option", { name: "Ben Agent" }).click();
    await page.getByRole("button", { name: "Assign to Ben Agent" }).click();
    await page.getByText("Assigned to Ben Agent: 3 changed").waitFor();
    for (const n of picked) expect((await w.desk.tickets.get(n)).assigneeId).toBe(w.agent.id);

    // The three are in progress now (assigning starts the work); pick them again in a list that shows them.
    await page.goto(listUrl("#listy assignee: ben sort by: number asc"));
    await poll(() => shownNumbers(page)).toEqual(picked);
    await page.getByRole("checkbox", { name: `Select ${picked[0]}` }).click();
    await page.getByText("1 selected").waitFor();
    await page.getByRole("button", { name: "Add tag…" }).click();
    await page.getByRole("textbox", { name: "Tag" }).fill("#bulk-tagged");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByText("Tagged #bulk-tagged: 1 changed").waitFor();
    expect((await w.desk.tickets.get(picked[0] ?? "")).tags).toContain("bulk-tagged");

    await page.getByRole("checkbox", { name: "Select all loaded tickets" }).click();
    await page.getByText("3 selected").waitFor();
    await page.getByRole("button", { name: "Status…" }).click();
    await page.getByRole("menuitem", { name: "Resolved" }).click();
    const dialog = page.getByRole("dialog", { name: "Change status" });
    await dialog.getByText("Move 3 tickets to Resolved").waitFor();
    // Meanwhile someone puts the second on hold, from where it cannot be resolved.
    await w.desk.tickets.updateStatus(picked[1] ?? "", "on_hold");
    // The list hears it live and refreshes in place; the selection stays.
    await poll(() => rows(page).nth(1).locator("td:nth-child(4)").innerText()).toMatch(/on hold/i);
    expect(await page.getByText("3 selected").isVisible()).toBe(true);
    await dialog.getByRole("button", { name: "Change 3 tickets" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "Status set to Resolved: 2 changed, 1 failed" });
    await summary.waitFor();
    expect(await summary.getByRole("list", { name: "Failed tickets" }).innerText()).toContain(
      `${picked[1]}: Cannot move a ticket from on_hold to resolved`,
    );
    expect((await w.desk.tickets.get(picked[0] ?? "")).status).toBe("resolved");
    expect((await w.desk.tickets.get(picked[1] ?? "")).status).toBe("on_hold");
    // The failed ticket stays selected for another try.
    await page.getByText("1 selected").waitFor();
    await page.close();
  });

  it("saves the query as a view that shows its count and reopens from its link", async () => {
    const page = await context.newPage();
    const q = "#vip";
    await page.goto(listUrl(q));
    await rows(page).first().waitFor();
    await page.getByRole("button", { name: "Save current query as view" }).click();
    const dialog = page.getByRole("dialog", { name: "Save as view" });
    await dialog.getByRole("textbox", { name: "Name" }).fill("VIP customers");
    await dialog.getByRole("button", { name: "Save view" }).click();
    await page.waitForURL((url) => url.searchParams.has("view"));
    const entry = page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: /VIP customers/ });
    const count = (await expectedNumbers(q)).length;
    await poll(() => entry.innerText()).toContain(String(count));
    const viewId = new URL(page.url()).searchParams.get("view");
    await page.goto(`/tickets?view=${viewId}`);
    await poll(() => countText(page)).toBe(`${count} tickets`);
    expect(await page.getByRole("combobox", { name: "Query" }).inputValue()).toBe(q);

    await page.getByRole("button", { name: "Actions for view VIP customers" }).click();
    await page.getByRole("menuitem", { name: "Rename" }).click();
    const rename = page.getByRole("dialog", { name: "Rename view" });
    await rename.getByRole("textbox", { name: "Name" }).fill("VIP");
    await rename.getByRole("button", { name: "Rename" }).click();
    await poll(() => page.getByRole("navigation", { name: "Views" }).getByRole("link").allInnerTexts()).toContainEqual(
      expect.stringMatching(/^VIP\s/),
    );
    await page.getByRole("button", { name: "Actions for view VIP" }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    await page.getByRole("dialog", { name: "Delete view" }).getByRole("button", { name: "Delete view" }).click();
    await page.getByText("No saved views yet").waitFor();
    expect(new URL(page.url()).searchParams.has("view")).toBe(false);
    await page.close();
  });

  it("renders few DOM rows for hundreds of tickets and loads the next pages while scrolling", async () => {
    const total = 600;
    for (let i = 0; i < total; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, total - i) }, (_, k) =>
          w.desk.tickets.create({ subject: `Load ticket ${i + k}`, tags: ["load"] }),
        ),
      );
    }
    const page = await context.newPage();
    await page.goto(listUrl("#load sort by: number asc"));
    await rows(page).first().waitFor();
    await poll(() => countText(page)).toBe("200+ tickets");
    expect(await rows(page).count()).toBeLessThan(80);
    const box = page.getByTestId("ticket-scroll");
    await poll(async () => {
      await box.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      return countText(page);
    }, 30_000).toBe(`${total} tickets`);
    await poll(async () => {
      await box.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      return (await shownNumbers(page)).at(-1);
    }).toBe((await w.desk.tickets.list({ q: "#load sort by: number desc", limit: 1 })).items[0]?.number);
    expect(await rows(page).count()).toBeLessThan(80);
    await page.close();
  });

  it("works at 360 px and in dark mode", async () => {
    const narrow = await w.signedIn(w.admin, { viewport: { width: 360, height: 740 } });
    const page = await narrow.newPage();
    await page.goto(listUrl("#listy"));
    await rows(page).first().waitFor();
    await page.getByRole("combobox", { name: "View" }).waitFor();
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "ticket-list-360");

    const dark = await w.signedIn(w.admin, { dark: true });
    const darkPage = await dark.newPage();
    await darkPage.goto(listUrl("#listy"));
    await rows(darkPage).first().waitFor();
    expect(await seriousA11yViolations(darkPage)).toEqual([]);
    await screenshot(darkPage, "ticket-list-dark");
  });
});
