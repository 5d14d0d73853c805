/**
 * Microsoft Teams incoming webhooks: a subscription of format `teams` posts a
 * MessageCard (summary, colour by priority, title, text, facts, an "Open
 * ticket" link to HELPLINE_PUBLIC_URL/tickets/<number>), unsigned, and is
 * retried and logged like any webhook.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import { TEAMS_COLORS, type TeamsCard } from "../../src/core/notifications/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { failFirst, type Receiver, startReceiver } from "./webhook-receiver.js";

const clock = fixedClock(new Date("2026-11-20T10:00:00Z"));
let t: TestDesk;
let r: Receiver;

beforeAll(async () => {
  t = await openTestDesk({ clock, notify: { publicUrl: "https://desk.example.com/" } });
  r = await startReceiver();
});
afterAll(async () => {
  await r.close();
  await t.close();
});

const cards = () => r.hits.map((h) => JSON.parse(h.body) as TeamsCard);

describe(`Microsoft Teams incoming webhooks (${engineUnderTest})`, () => {
  it("posts a message card with the ticket's facts, a colour by priority and a link to it", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const { webhook, secret } = await ws.notifications.webhooks.create({
      name: "Support channel",
      url: r.url,
      format: "teams",
      events: ["ticket.created", "ticket.status_changed"],
      allowPrivate: true,
    });
    expect(secret).toBeNull();
    expect(webhook).toMatchObject({ format: "teams", signed: false });
    const before = r.hits.length;
    const ticket = await ws.tickets.create({
      subject: "Server room flooded",
      urgency: "critical",
      importance: "critical",
    });
    await ws.runPending();
    expect(r.hits.length).toBe(before + 1);
    const hit = r.hits.at(-1);
    expect(hit?.headers["content-type"]).toBe("application/json");
    expect(hit?.headers["x-helpline-event"]).toBe("ticket.created");
    expect(hit?.headers["x-helpline-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(hit?.headers["x-helpline-signature"]).toBeUndefined();
    const card = cards().at(-1);
    expect(card).toMatchObject({
      "@type": "MessageCard",
      "@context": "https://schema.org/extensions",
      themeColor: TEAMS_COLORS.critical,
      title: `${ticket.number} created: Server room flooded`,
      summary: `${ticket.number} created: Server room flooded`,
      potentialAction: [
        {
          "@type": "OpenUri",
          name: "Open ticket",
          targets: [{ os: "default", uri: `https://desk.example.com/tickets/${ticket.number}` }],
        },
      ],
    });
    const facts = Object.fromEntries((card?.sections[0]?.facts ?? []).map((f) => [f.name, f.value]));
    expect(facts).toMatchObject({
      Ticket: ticket.number,
      Status: "open",
      Priority: "critical",
      Event: "ticket.created",
    });
    expect(typeof card?.text).toBe("string");
    expect(card?.text.length).toBeGreaterThan(0);

    await ws.tickets.updateStatus(ticket.number, "in_progress");
    await ws.runPending();
    const moved = cards().at(-1);
    expect(moved?.title).toBe(`${ticket.number} status changed: Server room flooded`);
    expect(moved?.text).toBe("Status open → in_progress");
  });

  it("low priority is green; a failing Teams URL is retried and logged; a ping has no link", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const flaky = await startReceiver(failFirst(1, 429));
    try {
      const { webhook } = await ws.notifications.webhooks.create({
        name: "Quiet channel",
        url: flaky.url,
        format: "teams",
        events: ["ticket.created"],
        allowPrivate: true,
      });
      const ticket = await ws.tickets.create({ subject: "Typo on the website", urgency: "low", importance: "low" });
      await ws.runPending();
      clock.advance(30_000);
      await ws.runPending();
      expect(flaky.hits).toHaveLength(2);
      const card = JSON.parse(flaky.hits[1]?.body ?? "{}") as TeamsCard;
      expect(card.themeColor).toBe(TEAMS_COLORS.low);
      expect(card.potentialAction[0]?.targets[0]?.uri).toBe(`https://desk.example.com/tickets/${ticket.number}`);
      const [log] = (await ws.notifications.webhooks.deliveries(webhook.id)).items;
      expect(log).toMatchObject({ status: "sent", attempts: 2, error: expect.stringContaining("HTTP 429") });

      const ping = await ws.notifications.webhooks.test(webhook.id);
      expect(ping.ok).toBe(true);
      const pingCard = JSON.parse(flaky.hits[2]?.body ?? "{}") as TeamsCard;
      expect(pingCard).toMatchObject({ "@type": "MessageCard", title: "Helpline: test message", potentialAction: [] });
      expect(pingCard.themeColor).toBe(TEAMS_COLORS.none);
    } finally {
      await flaky.close();
    }
  });
});
