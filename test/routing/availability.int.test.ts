/**
 * Agent capacity and availability, team strategy: who may set them (an agent
 * their own availability, managers anyone's), validation naming the field,
 * and the API (`PUT /api/v1/me/availability`, agents and teams routes).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, call, openApi } from "../api/api-client.js";
import { domainError, engineUnderTest } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";

let api: Api;
let agent: TestUser;
let other: TestUser;
let manager: TestUser;

beforeAll(async () => {
  api = await openApi();
  agent = await agentUser(api.desk, "agent");
  other = await agentUser(api.desk, "agent");
  manager = await agentUser(api.desk, "manager");
});

afterAll(async () => {
  await api?.close();
});

/** A time `days` from now (the desk runs on the system clock here). */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe(`agent availability through the library (${engineUnderTest})`, () => {
  it("lets an agent set their own availability, and not someone else's", async () => {
    const me = api.desk.as(agent.actor);
    const back = inDays(3);
    const updated = await me.people.setAvailability({ availability: "out_of_office", awayUntil: back });
    expect(updated).toMatchObject({ id: agent.actor.id, availability: "out_of_office", awayUntil: new Date(back) });
    expect((await me.people.setAvailability({ availability: "online" })).awayUntil).toBeNull();
    const err = await domainError(me.people.setAvailability({ agent: other.actor.id, availability: "offline" }));
    expect(err).toMatchObject({ kind: "forbidden", code: "agent.availability_forbidden" });
    expect((await api.desk.people.getAgent(other.actor.id)).availability).toBe("online");
  });

  it("lets a manager set anyone's availability and capacity", async () => {
    const mgr = api.desk.as(manager.actor);
    expect((await mgr.people.setAvailability({ agent: other.email, availability: "away" })).availability).toBe("away");
    const a = await mgr.people.updateAgent(other.actor.id, { capacity: 8, availability: "offline" });
    expect(a).toMatchObject({ capacity: 8, availability: "offline", awayUntil: null });
    expect((await mgr.people.updateAgent(other.actor.id, { capacity: null })).capacity).toBeNull();
  });

  it("refuses customers", async () => {
    const cust = await customerUser(api.desk);
    const err = await domainError(api.desk.as(cust.actor).people.setAvailability({ availability: "online" }));
    expect(err.kind).toBe("forbidden");
  });

  it("names the field of bad availability input", async () => {
    const me = api.desk.as(agent.actor);
    const cases: [unknown, string, string][] = [
      [{ availability: "online", awayUntil: inDays(1) }, "awayUntil", "agent.away_until_without_out_of_office"],
      [{ availability: "out_of_office", awayUntil: inDays(-1) }, "awayUntil", "agent.away_until_past"],
      [{ availability: "out_of_office", awayUntil: "tomorrow" }, "awayUntil", "input.invalid"],
      [{ availability: "busy" }, "availability", "input.invalid"],
      [{}, "availability", "input.invalid"],
    ];
    for (const [input, field, code] of cases) {
      const err = await domainError(me.people.setAvailability(input as never));
      expect(err, JSON.stringify(input)).toMatchObject({ field, code });
    }
    const cap = await domainError(api.desk.people.updateAgent(agent.actor.id, { capacity: -1 }));
    expect(cap.field).toBe("capacity");
    const create = await domainError(
      api.desk.people.createAgent({ email: "x@desk.test", name: "X", availability: "away", awayUntil: inDays(1) }),
    );
    expect(create.field).toBe("awayUntil");
  });
});

describe(`availability, capacity and strategy over HTTP (${engineUnderTest})`, () => {
  it("PUT /api/v1/me/availability sets the caller's availability and presents the agent", async () => {
    const back = inDays(2);
    const res = await call(api.app, agent, "PUT", "/api/v1/me/availability", {
      availability: "out_of_office",
      awayUntil: back,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: agent.actor.id,
      availability: "out_of_office",
      awayUntil: new Date(back).toISOString(),
      capacity: null,
    });
    const read = await call(api.app, manager, "GET", `/api/v1/agents/${agent.actor.id}`);
    expect(read.body).toMatchObject({ availability: "out_of_office", awayUntil: new Date(back).toISOString() });
  });

  it("answers 400 naming awayUntil, and refuses customers and an agent field in the body", async () => {
    const past = await call(api.app, agent, "PUT", "/api/v1/me/availability", {
      availability: "out_of_office",
      awayUntil: inDays(-1),
    });
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({ code: "agent.away_until_past", field: "awayUntil" });
    const notOoo = await call(api.app, agent, "PUT", "/api/v1/me/availability", {
      availability: "away",
      awayUntil: inDays(1),
    });
    expect(notOoo.body.error.field).toBe("awayUntil");
    const someoneElse = await call(api.app, agent, "PUT", "/api/v1/me/availability", {
      availability: "away",
      agent: other.actor.id,
    });
    expect([someoneElse.status, someoneElse.body.error.field]).toEqual([400, "agent"]);
    const cust = await customerUser(api.desk);
    expect((await call(api.app, cust, "PUT", "/api/v1/me/availability", { availability: "online" })).status).toBe(403);
  });

  it("lets managers set capacity and availability with PATCH /api/v1/agents/:id", async () => {
    const res = await call(api.app, manager, "PATCH", `/api/v1/agents/${other.actor.id}`, {
      capacity: 12,
      availability: "online",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ capacity: 12, availability: "online", awayUntil: null });
    const bad = await call(api.app, manager, "PATCH", `/api/v1/agents/${other.actor.id}`, { capacity: 1.5 });
    expect([bad.status, bad.body.error.field]).toEqual([400, "capacity"]);
    const denied = await call(api.app, agent, "PATCH", `/api/v1/agents/${other.actor.id}`, { capacity: 1 });
    expect(denied.status).toBe(403);
  });

  it("creates and changes a team's strategy, and presents it", async () => {
    const created = await call(api.app, manager, "POST", "/api/v1/teams", { name: "Rota", strategy: "round_robin" });
    expect([created.status, created.body.strategy]).toEqual([201, "round_robin"]);
    const plain = await call(api.app, manager, "POST", "/api/v1/teams", { name: "Plain" });
    expect(plain.body.strategy).toBe("least_loaded");
    const changed = await call(api.app, manager, "PATCH", `/api/v1/teams/${created.body.id}`, {
      strategy: "skill_match",
    });
    expect([changed.status, changed.body.strategy]).toEqual([200, "skill_match"]);
    const bad = await call(api.app, manager, "PATCH", `/api/v1/teams/${created.body.id}`, { strategy: "random" });
    expect([bad.status, bad.body.error.field]).toEqual([400, "strategy"]);
  });
});
