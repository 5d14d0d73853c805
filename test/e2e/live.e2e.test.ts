/**
 * Live updates end to end: Ada and Ben (two browser contexts) on the same
 * ticket see each other's replies, notes, status changes and assignments
 * within a second, and each other's presence; Ben's ticket list shows a new
 * ticket without a reload; a reply Ada sends while Ben writes makes Ben review
 * it before his goes out.
 */
import type { BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, openWebWorld, screenshot, type WebWorld } from "./web-world.js";

/** Seen in the other browser within 1 s; the poll allows 1.5 s for a machine under load. */
const LIVE = { timeout: 1500, interval: 50 };

let w: WebWorld;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  w = await openWebWorld();
}, 60_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await w?.close();
});

async function open(user: WebWorld["admin"], path: string): Promise<{ page: Page; errors: string[] }> {
  const context = await w.signedIn(user);
  contexts.push(context);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(path);
  return { page, errors };
}

async function openTicket(user: WebWorld["admin"], number: string) {
  const opened = await open(user, `/tickets/${number}`);
  await opened.page.locator("article[data-entry-id]").first().waitFor();
  return opened;
}

/** How often the page shows this text; count() does not wait, so the poll's timeout is the only one. */
const says = (page: Page, text: string) => () => page.getByText(text).count();
const entryTexts = (page: Page) => page.locator("article[data-entry-id]").allTextContents();

/** Ada's and Ben's pages side by side, as one picture. */
async function sideBySide(left: Page, right: Page, name: string): Promise<void> {
  const [a, b] = [await left.screenshot(), await right.screenshot()];
  const board = await left.context().newPage();
  const img = (png: Buffer, alt: string) =>
    `<figure style="margin:0"><figcaption style="font:14px system-ui">${alt}</figcaption>` +
    `<img alt="${alt}" style="width:640px;border:1px solid #888" src="data:image/png;base64,${png.toString("base64")}"></figure>`;
  await board.setContent(
    `<main style="display:flex;gap:8px;padding:8px">${img(a, "Ada Admin")}${img(b, "Ben Agent")}</main>`,
  );
  await screenshot(board, name);
  await board.close();
}

describe("live updates between two agents", () => {
  it("shows Ada's reply, note, status change and assignment on Ben's open ticket within a second, and who is there", async () => {
    const ticket = await w.desk.tickets.create({
      subject: "Projector flickers in room 4",
      description: "It started this morning.",
      requester: w.customer.email,
    });
    const ben = await openTicket(w.agent, ticket.number);
    const ada = await openTicket(w.admin, ticket.number);

    // Presence: Ada is viewing, then typing.
    await expect.poll(says(ben.page, "Ada Admin is viewing"), { timeout: 3000 }).toBe(1);
    const reply = ada.page.getByLabel("Reply to the customer");
    await reply.fill("Ada here: we are sending a technician.");
    await expect.poll(says(ben.page, "Ada Admin is typing a reply…"), LIVE).toBe(1);

    // A public reply.
    await ada.page.getByRole("button", { name: "Send reply" }).click();
    await expect
      .poll(() => entryTexts(ben.page), LIVE)
      .toContainEqual(expect.stringContaining("Ada here: we are sending a technician."));
    // Sent and empty again: Ada is back to viewing.
    await expect.poll(says(ben.page, "Ada Admin is viewing"), { timeout: 3000 }).toBe(1);

    // An internal note.
    await ada.page.getByText("Internal note", { exact: true }).click();
    await ada.page.getByLabel("Internal note (only agents see it)").fill("Ada's note: the bulb is under warranty.");
    await ada.page.getByRole("button", { name: "Add internal note" }).click();
    const note = ben.page.locator("article[data-kind=note]", { hasText: "the bulb is under warranty" });
    await expect.poll(() => note.count(), LIVE).toBe(1);

    // A status change.
    await ada.page.getByRole("combobox", { name: "Status", exact: true }).click();
    await ada.page.getByRole("option", { name: "In progress" }).click();
    const benStatus = ben.page.getByRole("combobox", { name: "Status", exact: true });
    await expect.poll(() => benStatus.inputValue(), LIVE).toBe("In progress");
    await expect.poll(() => entryTexts(ben.page), LIVE).toContainEqual(expect.stringMatching(/open → in_progress/));

    // An assignment.
    await ada.page.getByRole("combobox", { name: "Assignee" }).click();
    await ada.page.getByRole("option", { name: "Ben Agent" }).click();
    await expect.poll(() => ben.page.getByRole("combobox", { name: "Assignee" }).inputValue(), LIVE).toBe("Ben Agent");
    expect((await w.desk.tickets.get(ticket.id)).assigneeId).toBe(w.agent.id);

    await sideBySide(ada.page, ben.page, "live-two-browsers");
    expect([...ada.errors, ...ben.errors]).toEqual([]);
  });

  it("adds a new ticket to Ben's ticket list without a reload", async () => {
    const ben = await open(w.agent, "/tickets");
    await ben.page.getByRole("heading", { level: 1, name: "Tickets" }).waitFor();
    await ben.page.locator(".ticket-list-subject").first().waitFor();
    const navigations: string[] = [];
    ben.page.on("framenavigated", (f) => navigations.push(f.url()));

    const ada = await w.signedIn(w.admin);
    contexts.push(ada);
    const { csrfToken } = (await (await ada.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
    const created = await ada.request.post("/api/v1/tickets", {
      headers: { "x-csrf-token": csrfToken },
      data: { subject: "Badge reader at the back door is dead", requester: w.customer.email },
    });
    expect(created.status()).toBe(201);
    await expect
      .poll(() => ben.page.getByRole("link", { name: "Badge reader at the back door is dead" }).count(), LIVE)
      .toBe(1);
    expect(navigations).toEqual([]);
    expect(ben.errors).toEqual([]);
  });

  it("makes Ben review Ada's reply, sent while he was writing, before his goes out", async () => {
    const ticket = await w.desk.tickets.create({
      subject: "Cannot print double-sided",
      description: "The option is greyed out.",
      requester: w.customer.email,
    });
    const ben = await openTicket(w.agent, ticket.number);
    const ada = await openTicket(w.admin, ticket.number);

    // Ben's connection is slow: he hears of Ada's reply live, but his timeline does not refresh before he sends.
    let slow = true;
    const held: Route[] = [];
    await ben.page.route("**/api/v1/tickets/*/timeline", (route) => (slow ? held.push(route) : route.continue()));
    ben.page.on("response", (res) => {
      if (res.url().endsWith("/messages") && res.status() === 409) slow = false;
    });

    await ben.page.getByLabel("Reply to the customer").fill("Ben here: try the other tray.");
    await expect.poll(says(ada.page, "Ben Agent is typing a reply…"), LIVE).toBe(1);
    await ada.page.getByLabel("Reply to the customer").fill("Ada here: the duplex unit is being replaced.");
    await ada.page.getByRole("button", { name: "Send reply" }).click();
    await expect.poll(says(ben.page, "Ada Admin replied just now"), LIVE).toBe(1);

    await ben.page.getByRole("button", { name: "Send reply" }).click();
    const notice = ben.page.getByText("Ada Admin replied while you were writing — review, then Send anyway");
    await notice.waitFor();
    for (const route of held.splice(0)) await route.continue().catch(() => undefined);
    const adas = ben.page.locator("article[data-kind=message]", { hasText: "the duplex unit is being replaced" });
    await adas.waitFor();
    expect(await adas.getAttribute("class")).toMatch(/highlight/);
    // Nothing of Ben's went out yet.
    expect((await w.desk.tickets.timeline(ticket.id)).some((e) => e.body.startsWith("Ben here"))).toBe(false);

    await ben.page.getByRole("button", { name: "Send anyway" }).click();
    await expect
      .poll(() => entryTexts(ada.page), LIVE)
      .toContainEqual(expect.stringContaining("Ben here: try the other tray."));
    const bodies = (await w.desk.tickets.timeline(ticket.id)).filter((e) => e.kind === "message").map((e) => e.body);
    expect(bodies.slice(-2)).toEqual(["Ada here: the duplex unit is being replaced.", "Ben here: try the other tray."]);
    expect([...ada.errors, ...ben.errors]).toEqual([]);
  });
});
