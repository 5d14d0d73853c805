import { describe, expect, it } from "vitest";
import type { NotificationContent } from "../types.js";
import { slackBlocks } from "./blocks.js";

const TICKET_ID = "0195a3c4-1111-7000-8000-000000000001";
const content = (over: Partial<NotificationContent> = {}): NotificationContent => ({
  kind: "ticket.assigned",
  title: "TKT-1001 assigned to you: Printer <on> fire",
  text: "Assigned by Alice & co",
  url: "https://desk.example/tickets/TKT-1001",
  ticket: {
    id: TICKET_ID,
    number: "TKT-1001",
    subject: "Printer <on> fire",
    status: "in_progress",
    priority: "high",
    assignee: "Bob",
  },
  actor: "Alice",
  occurredAt: "2026-03-02T09:00:00.000Z",
  ...over,
});

type Block = Record<string, unknown> & { elements?: Record<string, unknown>[] };

describe("slackBlocks", () => {
  it("header, text, ticket fields, the Open button and the action buttons with the ticket id", () => {
    const { text, blocks } = slackBlocks(content()) as { text: string; blocks: Block[] };
    expect(blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: content().title, emoji: true } });
    expect(blocks[1]).toMatchObject({ type: "section", text: { type: "mrkdwn", text: "Assigned by Alice &amp; co" } });
    expect(JSON.stringify(blocks[2])).toContain("TKT-1001 Printer &lt;on&gt; fire");
    expect(JSON.stringify(blocks[2])).toContain("In progress");
    const open = blocks.find((b) => b.block_id === "helpline.links")?.elements?.[0];
    expect(open).toMatchObject({ type: "button", url: content().url, text: { text: "Open TKT-1001" } });
    const actions = blocks.find((b) => b.block_id === `helpline.ticket.${TICKET_ID}`)?.elements ?? [];
    expect(actions.map((a) => a.action_id)).toEqual(["helpline.status", "helpline.resolve", "helpline.assign_me"]);
    expect(actions[1]?.value).toBe(TICKET_ID);
    expect(actions[2]?.value).toBe(TICKET_ID);
    const options = actions[0]?.options as { value: string }[];
    expect(options.map((o) => o.value)).not.toContain(`${TICKET_ID}:in_progress`);
    expect(options.map((o) => o.value)).toContain(`${TICKET_ID}:resolved`);
    expect(text).toBe(`${content().title}\nAssigned by Alice & co\n${content().url}`);
  });

  it("a resolved ticket has no Resolve button; a notification without a ticket has no actions", () => {
    const resolved = slackBlocks(
      content({
        kind: "ticket.resolved",
        ticket: { ...(content().ticket as NonNullable<NotificationContent["ticket"]>), status: "resolved" },
      }),
    );
    expect(JSON.stringify(resolved.blocks)).not.toContain("helpline.resolve");
    const plain = slackBlocks(content({ kind: "webhook.disabled", ticket: null, url: null }));
    expect(JSON.stringify(plain.blocks)).not.toContain("helpline.");
    expect(plain.blocks[0]).toMatchObject({ type: "header" });
  });

  it("keeps within Slack's limits (header 150 characters)", () => {
    const long = slackBlocks(content({ title: "x".repeat(400) }));
    expect((long.blocks[0] as { text: { text: string } }).text.text.length).toBe(150);
  });
});
