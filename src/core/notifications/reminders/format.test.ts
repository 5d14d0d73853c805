import { describe, expect, it } from "vitest";
import { type AgentReminder, ageText, type ReminderLine } from "./collect.js";
import { reminderEmail, reminderSlackMessage } from "./format.js";

const line = (n: number, subject = `Ticket ${n}`): ReminderLine => ({
  ticketId: `id-${n}`,
  number: `TKT-${n}`,
  subject,
  priority: "high",
  status: "open",
  age: "2d",
  createdAt: new Date("2025-03-05T09:00:00Z"),
  url: `https://desk.example.com/tickets/TKT-${n}`,
});

const reminder = (open: ReminderLine[], personal: ReminderLine[] = []): AgentReminder => ({
  agentId: "a1",
  email: "ann@example.com",
  name: "Ann <Ops>",
  sections: { open, inProgress: [], personal, pendingProduction: [] },
  total: open.length + personal.length,
});

describe("reminder messages", () => {
  it("escapes Slack mrkdwn and HTML in subjects and names", () => {
    const msg = reminderSlackMessage(reminder([line(1001, "Fix <b> & co")]), "https://desk.example.com");
    const section = msg.blocks[1] as { text: { text: string } };
    expect(section.text.text).toBe(
      "*Open (1)*\n• <https://desk.example.com/tickets/TKT-1001|TKT-1001> Fix &lt;b&gt; &amp; co · high · 2d",
    );
    const mail = reminderEmail(reminder([line(1001, "Fix <b> & co")]), "https://desk.example.com");
    expect(mail.html).toContain("<p>Hello Ann &lt;Ops&gt;,</p>");
    expect(mail.html).toContain("Fix &lt;b&gt; &amp; co");
    expect(mail.text).toContain("  TKT-1001  Fix <b> & co  (high, 2d)\n    https://desk.example.com/tickets/TKT-1001");
  });

  it("keeps a long section under Slack's 3,000 characters and says how many more there are", () => {
    const many = Array.from({ length: 60 }, (_, i) => line(2000 + i, "x".repeat(200)));
    const msg = reminderSlackMessage(reminder(many, [line(9)]), "https://desk.example.com");
    const texts = msg.blocks.slice(1, 3).map((b) => (b as { text: { text: string } }).text.text);
    expect(texts[0]?.length).toBeLessThanOrEqual(3000);
    expect(texts[0]).toMatch(/\n…and \d+ more$/);
    expect(texts[1]?.startsWith("*Personal (created by you, assigned to you) (1)*")).toBe(true);
    expect(msg.text).toBe("Your tickets today: 60 open, 1 personal");
  });

  it("writes ages in minutes, hours and days", () => {
    const now = new Date("2025-03-07T12:00:00Z");
    expect(ageText(new Date("2025-03-07T11:15:00Z"), now)).toBe("45m");
    expect(ageText(new Date("2025-03-07T02:00:00Z"), now)).toBe("10h");
    expect(ageText(new Date("2025-03-01T12:00:00Z"), now)).toBe("6d");
  });
});
