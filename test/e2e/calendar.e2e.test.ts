/**
 * The calendar (issue 4 §5): tickets on their due day or SLA deadline, month and
 * week views, drag (pointer and keyboard) and menu rescheduling, narrow and dark.
 */
import dayjs from "dayjs";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, openWebWorld, screenshot, seriousA11yViolations, type WebWorld } from "./web-world.js";

let w: WebWorld;
/** Tickets by role in the story, with their numbers. */
const t: Record<string, string> = {};
const month = dayjs().startOf("month");
/** A day of the current month, "YYYY-MM-DD". */
const day = (n: number) => month.date(n).format("YYYY-MM-DD");
/** Midday UTC on day n, so the local day is the same whatever the machine's time zone. */
const noon = (n: number, minute = 0) => `${day(n)}T12:${String(minute).padStart(2, "0")}:00.000Z`;
let slaDay = "";

async function ticket(key: string, subject: string, dueDay: number | null, extra: Record<string, unknown> = {}) {
  const made = await w.desk.tickets.create({ subject, priority: dueDay === null ? "critical" : "low", ...extra });
  if (dueDay !== null) await w.desk.tickets.update(made.number, { dueAt: noon(dueDay, 30) });
  t[key] = made.number;
  return made;
}

beforeAll(async () => {
  w = await openWebWorld();
  await ticket("due", "Renew the TLS certificate", 10);
  await ticket("menu", "Quarterly invoice review", 12);
  await ticket("keys", "Printer lease ends", 13);
  await ticket("refused", "Archive old mailboxes", 20);
  await ticket("mine", "Ben's follow-up call", 5, { assignee: w.agent.email });
  for (let i = 1; i <= 5; i++) await ticket(`busy${i}`, `Busy day ticket ${i}`, 24);
  const sla = await ticket("sla", "Server room is too hot", null);
  slaDay = dayjs(sla.slaDueAt).format("YYYY-MM-DD");
}, 60_000);
afterAll(async () => {
  await w?.close();
});

const cell = (page: Page, d: string) => page.locator(`[data-day="${d}"]`);
const chip = (page: Page, key: string, d: string) => cell(page, d).locator(`a[data-ticket="${t[key]}"]`);

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error("element is not visible");
  return b;
}

/**
 * A real pointer drag: press, move past the activation distance, move over the
 * target day, release. A movable chip is released only once the day lights up as the drop target.
 */
async function drag(page: Page, from: Locator, toDay: string, movable = true) {
  const a = await box(from);
  const b = await box(cell(page, toDay));
  await page.mouse.move(a.x + 8, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 20, a.y + a.height / 2 + 4, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  if (movable) await page.locator(`[data-day="${toDay}"][data-over]`).waitFor();
  else expect(await page.locator("[data-over]").count()).toBe(0);
  await page.mouse.up();
}

/** The page's scroll width (a string expression: the test tsconfig has no DOM types). */
const pageWidth = (page: Page) => page.evaluate<number>("document.documentElement.scrollWidth");

const dueOf = async (key: string) => (await w.desk.tickets.get(t[key] ?? ""))?.dueAt?.toISOString() ?? null;

describe("the calendar", () => {
  it("shows tickets on their due day and SLA deadline, explains SLA chips, and pages by month", async () => {
    const context = await w.signedIn(w.admin);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto("/calendar");
    await page.getByRole("heading", { level: 1, name: "Calendar" }).waitFor();
    // The check: the calendar shows a ticket on its due day.
    const due = chip(page, "due", day(10));
    await due.waitFor();
    expect(await due.getAttribute("data-kind")).toBe("due");
    expect(await due.textContent()).toContain("Renew the TLS certificate");
    expect(await cell(page, day(11)).locator(`a[data-ticket="${t.due}"]`).count()).toBe(0);
    // The SLA-deadline ticket, with its own marker (words for screen readers, a different icon for the eye).
    const sla = chip(page, "sla", slaDay);
    await sla.waitFor();
    expect(await sla.getAttribute("data-kind")).toBe("sla");
    expect(await sla.textContent()).toMatch(/SLA deadline/);
    expect(await due.textContent()).toMatch(/due date/);
    await sla.hover();
    await expect
      .poll(() => page.getByRole("tooltip").textContent())
      .toMatch(/SLA deadlines follow the SLA policy; set a due date on the ticket to schedule it/);
    expect(await page.locator(`[data-day="${day(new Date().getDate())}"]`).getAttribute("data-today")).not.toBeNull();
    // Five (or six, with the SLA ticket) on one day: three chips and "+N more", whose popover lists all.
    const onBusyDay = slaDay === day(24) ? 6 : 5;
    const busy = cell(page, day(24));
    expect(await busy.locator("a[data-ticket]").count()).toBe(3);
    await busy.getByRole("button", { name: new RegExp(`\\+${onBusyDay - 3} more`) }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.locator("a[data-ticket]").count()).toBe(onBusyDay);
    await page.keyboard.press("Escape");
    await page.mouse.move(0, 0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "calendar-month");

    await page.getByRole("button", { name: "Next month" }).click();
    const next = month.add(1, "month");
    await expect.poll(() => new URL(page.url()).searchParams.get("date")).toBe(next.format("YYYY-MM-DD"));
    expect(new URL(page.url()).searchParams.get("mode")).toBe("month");
    await page.getByRole("heading", { level: 2, name: new RegExp(next.format("YYYY")) }).waitFor();
    expect(await page.locator(`a[data-ticket="${t.due}"]`).count()).toBe(0);
    await page.getByRole("button", { name: "Previous month" }).click();
    await page.getByRole("button", { name: "Previous month" }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get("date"))
      .toBe(month.subtract(1, "month").format("YYYY-MM-DD"));
    await page.getByRole("button", { name: "Today" }).click();
    await chip(page, "due", day(10)).waitFor();

    // Only mine: Ada has no tickets; Ben's is hidden from her view of "mine".
    await page.getByRole("switch", { name: "Only mine" }).check();
    await page.getByText(/No tickets are due in this month among yours/).waitFor();
    await page.getByRole("switch", { name: "Only mine" }).uncheck();
    await chip(page, "mine", day(5)).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the week with times, opens a ticket on click and lists Ben's own tickets", async () => {
    const context = await w.signedIn(w.agent);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`/calendar?mode=week&date=${day(10)}`);
    const due = chip(page, "due", day(10));
    await due.waitFor();
    expect(await page.locator("[data-day]").count()).toBe(7);
    expect(await due.textContent()).toMatch(/\d{1,2}[:.]\d{2}/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "calendar-week");
    await page.getByText("Month", { exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("mode")).toBe("month");
    await chip(page, "mine", day(5)).waitFor();
    await page.getByRole("switch", { name: "Only mine" }).check();
    await expect.poll(() => page.locator("a[data-ticket]").count()).toBe(1);
    await page.getByRole("switch", { name: "Only mine" }).uncheck();
    await chip(page, "due", day(10)).click();
    await page.waitForURL(`**/tickets/${t.due}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reschedules a due date by drag, keyboard and menu, keeps the time, and never moves an SLA deadline", async () => {
    const context = await w.signedIn(w.agent);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto("/calendar");
    const before = await dueOf("due");
    await drag(page, chip(page, "due", day(10)), day(17));
    await expect.poll(() => dueOf("due")).toBe(noon(17, 30));
    expect(Date.parse(noon(17, 30)) - Date.parse(before ?? "")).toBe(7 * 86_400_000);
    await chip(page, "due", day(17)).waitFor();

    // The SLA chip does not move, and nothing is written.
    const slaBefore = (await w.desk.tickets.get(t.sla ?? ""))?.version;
    const target = slaDay === day(26) ? day(27) : day(26);
    await drag(page, chip(page, "sla", slaDay), target, false);
    await chip(page, "sla", slaDay).waitFor();
    expect(await cell(page, target).locator(`a[data-ticket="${t.sla}"]`).count()).toBe(0);
    const slaAfter = await w.desk.tickets.get(t.sla ?? "");
    expect(slaAfter?.dueAt).toBeNull();
    expect(slaAfter?.version).toBe(slaBefore);

    // Keyboard: Space picks up, → moves a day, Space drops.
    await chip(page, "keys", day(13)).focus();
    await page.keyboard.press("Space");
    await page.locator(`[data-day="${day(13)}"][data-over]`).waitFor();
    await page.keyboard.press("ArrowRight");
    await page.locator(`[data-day="${day(14)}"][data-over]`).waitFor();
    await page.keyboard.press("Space");
    await expect.poll(() => dueOf("keys")).toBe(noon(14, 30));

    // The menu, for touch and keyboard: pick a day in the date picker.
    await page.getByRole("button", { name: `Due date actions for ${t.menu}` }).click();
    await page.getByRole("menuitem", { name: "Move due date to…" }).click();
    const modal = page.getByRole("dialog", { name: `Move the due date of ${t.menu}` });
    await modal.getByRole("button", { name: new RegExp(`\\b15\\b.*${month.format("YYYY")}`) }).click();
    await modal.getByRole("button", { name: "Move due date" }).click();
    await modal.waitFor({ state: "hidden" });
    await expect.poll(() => dueOf("menu")).toBe(noon(15, 30));
    await chip(page, "menu", day(15)).waitFor();

    // The server refuses: the chip snaps back and its reason shows.
    await page.route("**/api/v1/tickets/**", async (route) => {
      if (route.request().method() !== "PATCH") return route.fallback();
      await route.fulfill({
        status: 400,
        contentType: "application/json",
        body: JSON.stringify({
          error: {
            code: "ticket.final",
            message: "Ticket is closed; its due date can no longer change.",
            field: "dueAt",
          },
        }),
      });
    });
    await drag(page, chip(page, "refused", day(20)), day(21));
    await page.getByText("Ticket is closed; its due date can no longer change.", { exact: false }).waitFor();
    await chip(page, "refused", day(20)).waitFor();
    expect(await dueOf("refused")).toBe(noon(20, 30));
    await page.unroute("**/api/v1/tickets/**");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("becomes an agenda at 360 px, works in dark mode and warns when the range is truncated", async () => {
    const narrow = await w.signedIn(w.agent, { viewport: { width: 360, height: 740 } });
    const page = await narrow.newPage();
    const errors = collectPageErrors(page);
    await page.goto("/calendar");
    const agenda = page.locator("li[data-day]");
    await chip(page, "mine", day(5)).waitFor();
    const days = await agenda.evaluateAll((els) => els.map((e) => e.getAttribute("data-day") ?? ""));
    expect(days).toEqual([...days].sort());
    expect(days).toContain(day(24));
    expect(days).not.toContain(day(11));
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "calendar-360");
    await page.goto(`/calendar?mode=week&date=${day(24)}`);
    await chip(page, "busy5", day(24)).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);

    await page.route("**/api/v1/calendar/tickets**", async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), truncated: true } });
    });
    await page.goto("/calendar");
    await page.getByText("More than 1,000 tickets in this range; showing the earliest").waitFor();
    expect(errors).toEqual([]);

    const dark = await w.signedIn(w.admin, { dark: true });
    const darkPage = await dark.newPage();
    await darkPage.goto("/calendar");
    await chip(darkPage, "due", day(17)).waitFor();
    expect(await darkPage.locator("html").getAttribute("data-mantine-color-scheme")).toBe("dark");
    expect(await seriousA11yViolations(darkPage)).toEqual([]);
    await screenshot(darkPage, "calendar-dark");
    await narrow.close();
    await dark.close();
  });
});
