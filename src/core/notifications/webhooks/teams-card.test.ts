import { describe, expect, it } from "vitest";
import type { WebhookEvent } from "./request.js";
import { buildWebhookRequest } from "./request.js";
import { TEAMS_COLORS, teamsCard } from "./teams-card.js";

const event: WebhookEvent = {
  id: "e1",
  type: "sla.breached",
  occurredAt: "2026-11-20T10:00:00.000Z",
  workspaceId: "w1",
  subject: { type: "ticket", id: "t1" },
  actor: { type: "system", id: null, name: "sla" },
  payload: { metric: "first_response", dueAt: "2026-11-20T09:00:00.000Z" },
};
const ticket = { number: "TKT-1042", subject: "VPN down", status: "open", priority: "high" };

describe("Teams message cards", () => {
  it("shows the ticket, colours by priority and links to it", () => {
    const card = teamsCard(event, ticket, "https://desk.example.com");
    expect(card).toMatchObject({
      "@type": "MessageCard",
      themeColor: TEAMS_COLORS.high,
      title: "TKT-1042 SLA breached: VPN down",
      text: "SLA first response due 2026-11-20T09:00:00.000Z",
      potentialAction: [
        { "@type": "OpenUri", targets: [{ os: "default", uri: "https://desk.example.com/tickets/TKT-1042" }] },
      ],
    });
    expect(card.sections[0]?.facts).toContainEqual({ name: "By", value: "sla" });
  });

  it("a Teams request is unsigned; a json one carries timestamp and signature", () => {
    const common = { deliveryId: "d1", event, secret: "k", ticket, publicUrl: "https://x", now: new Date(1_000_000) };
    const teams = buildWebhookRequest({ ...common, format: "teams" });
    expect(teams.headers["X-Helpline-Signature"]).toBeUndefined();
    expect(teams.headers["X-Helpline-Delivery"]).toBe("d1");
    const json = buildWebhookRequest({ ...common, format: "json" });
    expect(json.headers["X-Helpline-Timestamp"]).toBe("1000");
    expect(json.headers["X-Helpline-Signature"]).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(JSON.parse(json.body)).toEqual({ id: "d1", event });
  });
});
