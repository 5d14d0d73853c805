import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowedNextStatuses } from "../../common/status-machine.js";
import { LEVEL_LABEL, STATUS_LABEL } from "../../web/lib/format.js";
import {
  collectPageErrors,
  openWebWorld,
  screenshot,
  seriousA11yViolations,
  signInWithForm,
  type WebWorld,
} from "./web-world.js";

const SUBJECT = "Printer on fire in building B";
const LONG_LINES = Array.from({ length: 30 }, (_, i) => `Line ${i + 1} of what happened.`);
const DESCRIPTION = [
  ...LONG_LINES,
  "",
  "On Mon, 3 Mar 2025, IT <it@acme.test> wrote:",
  "> Please restart it first.",
].join("\n");

let w: WebWorld;
let ref: string;
let bigRef: string;

const MARK = "helpline:ticket-interactive";

async function openTicket(page: Page, number: string): Promise<void> {
  await page.goto(`/tickets/${number}`);
  await page.locator("article[data-entry-id]").first().waitFor();
}

/** Body rows that scroll the whole page sideways (nothing should at 360 px). */
const horizontalOverflow = (page: Page) =>
  page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") as Promise<number>;

beforeAll(async () => {
  w = await openWebWorld();
  // A short SLA target so the countdown shows seconds.
  await w.desk.sla.policies.create({
    name: "Fast lane",
    condition: "tag: fast",
    targets: { firstResponse: { minutes: 30, business: false }, resolution: { minutes: 45, business: false } },
  });
  const t = await w.desk.tickets.create({
    subject: SUBJECT,
    description: DESCRIPTION,
    requester: w.customer.email,
    channel: "portal",
    tags: ["fast"],
  });
  ref = t.number;

  const big = await w.desk.tickets.create({ subject: "A very long conversation", requester: w.customer.email });
  bigRef = big.number;
  // 200 entries in one statement (through the API this setup alone would take most of the file's time budget).
  await w.desk.database.executeSql(
    `insert into timeline_entries (id, workspace_id, ticket_id, kind, author_type, author_id, body, attachments, created_at)
     select gen_random_uuid(), t.workspace_id, t.id, case when i % 5 = 0 then 'note' else 'message' end, 'agent', $2::uuid,
            'Entry ' || i || ': checked the logs again.', '[]'::jsonb, now() + i * interval '1 millisecond'
     from tickets t, generate_series(1, 200) as i where t.id = $1`,
    [big.id, w.agent.id],
  );
}, 60_000);

afterAll(async () => {
  await w?.close();
});

describe("ticket page", () => {
  it("signs in, opens the ticket from the list, counts down the SLA, collapses long text, replies and changes status", async () => {
    const context = await w.browser.newContext({ baseURL: w.baseUrl, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto("/tickets");
    await signInWithForm(page, w.agent.email);
    await page.getByRole("link", { name: SUBJECT }).first().click();
    await page.waitForURL(`**/tickets/${ref}`);
    await page.getByRole("heading", { level: 1, name: new RegExp(SUBJECT) }).waitFor();
    // The SLA clocks start in the background after the ticket was created.
    await expect
      .poll(async () => (await w.desk.sla.forTicket(ref)).clocks.length, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const first = page.locator("article[data-kind=message]").first();
    await first.waitFor();
    expect(await page.evaluate((m) => performance.getEntriesByName(m).length, MARK)).toBe(1);

    // The SLA countdown ticks.
    const resolution = page.locator("[data-metric=resolution] [role=timer]");
    await resolution.waitFor();
    const before = await resolution.textContent();
    expect(before).toMatch(/^4\d m \d\d s left$/);
    await expect.poll(() => resolution.textContent(), { timeout: 4000 }).not.toBe(before);

    // A long message is collapsed, and its quoted history hidden.
    expect(await first.textContent()).not.toContain("Line 30 of");
    await first.getByRole("button", { name: "Show more" }).click();
    expect(await first.textContent()).toContain("Line 30 of");
    expect(await first.textContent()).not.toContain("Please restart it first");
    await first.getByRole("button", { name: "Show quoted text" }).click();
    expect(await first.textContent()).toContain("Please restart it first");

    // Reply: it appears on the right, and the server has it.
    await page.getByLabel("Reply to the customer").fill("We are on it, a technician is coming.");
    await page.getByRole("button", { name: "Send reply" }).click();
    const reply = page.locator("article[data-kind=message]", { hasText: "We are on it" });
    await reply.waitFor();
    const customerBox = await first.boundingBox();
    const replyBox = await reply.boundingBox();
    expect(replyBox && customerBox && replyBox.x > customerBox.x + 50).toBe(true);
    expect(await reply.getAttribute("aria-label")).toMatch(/^Reply by Ben Agent/);
    const timeline = await w.desk.tickets.timeline(ref);
    expect(
      timeline.some((e) => e.kind === "message" && e.body.startsWith("We are on it") && e.author.id === w.agent.id),
    ).toBe(true);
    expect(await page.getByLabel("Reply to the customer").inputValue()).toBe("");

    // Status: only the allowed transitions are offered.
    const current = (await w.desk.tickets.get(ref)).status;
    await page.getByRole("combobox", { name: "Status" }).click();
    const options = page.getByRole("listbox", { name: "Status" }).getByRole("option");
    await options.first().waitFor();
    const offered = (await options.allTextContents()).sort();
    expect(offered).toEqual([current, ...allowedNextStatuses(current)].map((s) => STATUS_LABEL[s]).sort());
    await page.getByRole("option", { name: STATUS_LABEL.pending_customer }).click();
    await expect.poll(async () => (await w.desk.tickets.get(ref)).status).toBe("pending_customer");
    await page.locator("article[data-kind=event]", { hasText: `status ${current} → pending_customer` }).waitFor();

    // Back to the list it came from.
    await page.getByRole("link", { name: "Back to list" }).click();
    await page.waitForURL((url) => url.pathname === "/tickets");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("writes an internal note that looks private and that the customer cannot read", async () => {
    const context = await w.signedIn(w.agent);
    const page = await context.newPage();
    await openTicket(page, ref);
    await page.locator("body").press("n");
    const box = page.getByLabel("Internal note (only agents see it)");
    await expect.poll(() => box.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    // @ suggests agents and inserts the handle the server understands.
    await box.pressSequentially("Heads up @ad");
    await page.getByRole("option", { name: /Ada Admin/ }).waitFor();
    await box.press("Enter");
    await box.pressSequentially("the printer is under warranty.");
    expect(await box.inputValue()).toBe("Heads up @ada the printer is under warranty.");
    await box.press("Control+Enter");
    const note = page.locator("article[data-kind=note]", { hasText: "under warranty" });
    await note.waitFor();
    expect(await note.textContent()).toContain("Internal note");
    const reply = page.locator("article[data-kind=message]", { hasText: "We are on it" });
    const [noteBg, replyBg] = await Promise.all([
      note.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor),
      reply.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor),
    ]);
    expect(noteBg).not.toBe(replyBg);

    // A tag added in the side panel reaches the server.
    const tags = page.getByRole("combobox", { name: "Tags" });
    await tags.fill("warranty");
    await tags.press("Enter");
    await expect.poll(async () => (await w.desk.tickets.get(ref)).tags).toContain("warranty");

    // The customer's own browser session reads the timeline without it.
    const customer = await w.signedIn(w.customer);
    const res = await customer.request.get(`/api/v1/tickets/${ref}/timeline`);
    expect(res.status()).toBe(200);
    const { items } = (await res.json()) as { items: { kind: string; body: string }[] };
    expect(items.some((e) => e.body.startsWith("We are on it"))).toBe(true);
    expect(items.some((e) => e.kind === "note" || e.body.includes("under warranty"))).toBe(false);
    await customer.close();
    await context.close();
  });

  it("shows who else is on the ticket, warns of a reply while writing, and sends anyway after review", async () => {
    const benContext = await w.signedIn(w.agent);
    const ben = await benContext.newPage();
    await openTicket(ben, ref);
    const adaContext = await w.signedIn(w.admin);
    const ada = await adaContext.newPage();
    // Ada's live stream is cut, so only the server's collision check can catch Ben's reply.
    await ada.route("**/api/v1/stream", (route) => route.abort());
    await openTicket(ada, ref);
    await ben.getByText("Ada Admin is viewing").waitFor();

    await ada.getByLabel("Reply to the customer").fill("Ada here: please unplug the printer.");
    await ben.getByText("Ada Admin is typing a reply…").waitFor();

    // Ben has a draft too: Carla's message, heard live, is announced to him.
    await ben.getByLabel("Reply to the customer").fill("Draft from Ben");
    const carla = await w.desk.people.getCustomer(w.customer.id);
    await w.desk
      .as({ type: "customer", id: carla.id, role: "customer", companyId: carla.companyId })
      .tickets.addComment(ref, { body: "It is smoking now!" });
    await ben.getByText("Carla Customer replied just now").waitFor();
    // The draft survives a reload (kept per ticket for the tab).
    await ben.reload();
    await expect.poll(() => ben.getByLabel("Reply to the customer").inputValue()).toBe("Draft from Ben");

    await ada.getByRole("button", { name: "Send reply" }).click();
    await ada.getByText("Carla Customer replied while you were writing — review, then Send anyway").waitFor();
    const fresh = ada.locator("article[data-kind=message]", { hasText: "It is smoking now!" });
    await fresh.waitFor();
    expect(await fresh.getAttribute("class")).toMatch(/highlight/);
    await ada.getByRole("button", { name: "Send anyway" }).click();
    await ada.locator("article[data-kind=message]", { hasText: "Ada here: please unplug" }).waitFor();
    await expect
      .poll(async () =>
        (await w.desk.tickets.timeline(ref)).some((e) => e.body === "Ada here: please unplug the printer."),
      )
      .toBe(true);

    // A field edit made on an old version is refused and the ticket reloaded (Ada hears no live updates).
    await w.desk.tickets.update(ref, { category: "hardware" });
    await ada.getByRole("combobox", { name: "Urgency" }).click();
    await ada.getByRole("listbox", { name: "Urgency" }).getByRole("option", { name: "High" }).click();
    await ada.getByText("Changed by someone else — reloaded").waitFor();
    await expect.poll(() => ada.getByRole("textbox", { name: "Category" }).inputValue()).toBe("hardware");
    expect((await w.desk.tickets.get(ref)).urgency).toBe("medium");
    await ada.getByRole("combobox", { name: "Urgency" }).click();
    await ada.getByRole("listbox", { name: "Urgency" }).getByRole("option", { name: "High" }).click();
    await expect.poll(async () => (await w.desk.tickets.get(ref)).urgency).toBe("high");
    const priority = (await w.desk.tickets.get(ref)).priority;
    await ada.getByText(`Priority: ${LEVEL_LABEL[priority]}`, { exact: true }).waitFor();
    await adaContext.close();
    await benContext.close();
  });

  it("renders a 200-entry conversation in full", async () => {
    const context = await w.signedIn(w.agent);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await openTicket(page, bigRef);
    expect(await page.locator("article[data-entry-id]").count()).toBeGreaterThanOrEqual(201);
    expect(await page.locator("article[data-kind=note]").count()).toBe(40);
    // It opens at the newest entry.
    const scroller = page.getByRole("region", { name: /^Timeline/ });
    await expect
      .poll(() => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
      .toBeLessThan(2);
    expect(await scroller.evaluate((el) => el.scrollHeight > el.clientHeight * 5)).toBe(true);
    const mark = await page.evaluate((m) => performance.getEntriesByName(m)[0]?.startTime ?? -1, MARK);
    expect(mark).toBeGreaterThan(0);
    expect(mark).toBeLessThan(10_000);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("is accessible and fits at 360 px and in dark mode", async () => {
    for (const [name, opts] of [
      ["ticket-page", {}],
      ["ticket-page-360", { viewport: { width: 360, height: 740 } }],
      ["ticket-page-dark", { dark: true }],
    ] as const) {
      const context = await w.signedIn(w.agent, opts);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await openTicket(page, ref);
      await page.locator("[data-metric] [role=timer]").first().waitFor();
      if (name !== "ticket-page-360") {
        // The conversation opens at its newest entry (its own scroll area on wide screens).
        const scroller = page.getByRole("region", { name: /^Timeline/ });
        await expect
          .poll(() => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight), { timeout: 3000 })
          .toBeLessThan(2);
      }
      // Screenshot first: axe scrolls elements into view while it checks them.
      await screenshot(page, name);
      expect(await horizontalOverflow(page), name).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page), name).toEqual([]);
      if (name === "ticket-page") {
        await page.getByRole("tab", { name: "History" }).click();
        const history = page.getByRole("table", { name: /History of changes/ });
        await history.getByRole("cell", { name: "status", exact: true }).first().waitFor();
        expect(await seriousA11yViolations(page), "history").toEqual([]);
      }
      expect(errors, name).toEqual([]);
      await context.close();
    }
  });
});
