/** `POST /api/v1/classify`: agents classify a ticket's text and see why; nothing is stored. */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "./as-user.js";

/** Seed 004's curl example, verbatim. */
const SEED_004 = {
  subject: "URGENT: Database connection failed",
  description: "Our production database is down and customers cannot access their accounts. This is critical!",
};

describe(`POST /api/v1/classify (${engineUnderTest})`, () => {
  let t: TestDesk;
  let ws: Helpdesk;
  let app: FastifyInstance;
  let agent: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    t = await openTestDesk();
    ws = await isolatedWorkspace(t.desk);
    app = await buildServer({ desk: ws, logLevel: "silent" });
    agent = await agentUser(ws);
    customer = await customerUser(ws);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  const classify = (payload: unknown, headers: Record<string, string> = agent.headers) =>
    app.inject({ method: "POST", url: "/api/v1/classify", headers, payload: payload as object });

  it("classifies seed 004's example: critical (seed 004's high), technical, negative, with the words", async () => {
    const res = await classify(SEED_004);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      priority: "critical",
      priorityNumber: 1,
      urgency: { level: "critical" },
      importance: { level: "critical" },
      category: { name: "technical", family: "technical", confidence: 0.7 },
      sentiment: { label: "negative", score: -6 },
      angry: false,
      angryReasons: [],
      estimatedResolution: { hours: 4, basis: "default SLA policy: critical → 4 h" },
    });
    expect(body.urgency.keywords).toContainEqual({ phrase: "urgent", level: "high", weight: 2 });
    expect(body.category.keywords).toEqual(expect.arrayContaining(["database", "connection"]));
    expect(body.sentiment.words).toContainEqual({ word: "critical", score: -2, negated: false });
    expect(body.explanation).toHaveLength(7);
    expect(body.explanation[2]).toBe("priority critical: urgency critical × importance critical");
  });

  it("stores nothing: no ticket is created", async () => {
    await classify({ subject: "Printer on fire" });
    const list = await app.inject({ method: "GET", url: "/api/v1/tickets?status=all", headers: agent.headers });
    expect(list.json().items).toEqual([]);
  });

  it("accepts a subject alone", async () => {
    const res = await classify({ subject: "How do I export to CSV?" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ priority: "low", estimatedResolution: { hours: 168 } });
  });

  it("refuses customers (403) and anonymous callers (401)", async () => {
    expect((await classify(SEED_004, customer.headers)).statusCode).toBe(403);
    expect((await classify(SEED_004, {})).statusCode).toBe(401);
  });

  it("names the field of a bad body: missing or empty subject, unknown key, wrong type", async () => {
    const missing = await classify({ description: "text" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe("subject");
    const empty = await classify({ subject: "   " });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe("subject");
    const unknown = await classify({ subject: "x", message: "seed 004 calls it message" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe("message");
    const wrongType = await classify({ subject: "x", description: 42 });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.field).toBe("description");
  });
});
