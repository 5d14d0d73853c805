import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../kernel/index.js";
import { anchorChanges } from "./anchors.js";

const at = "2026-03-02T09:00:00.000Z";
const when = new Date(at);

function event(type: string, actor: DomainEvent["actor"], payload: Record<string, unknown> = {}): DomainEvent {
  return {
    id: "e",
    seq: 1,
    workspaceId: "w",
    type: type as DomainEvent["type"],
    subjectType: "ticket",
    subjectId: "t",
    actor,
    payload,
    occurredAt: at,
  };
}

const agent = { type: "agent" as const, id: "a" };
const customer = { type: "customer" as const, id: "c" };
const withMessage = { requesterId: "c", description: "Help" };

describe("anchorChanges", () => {
  it("creation starts every anchor, and customer waiting when it opens with the requester's message", () => {
    expect(anchorChanges(event("ticket.created", customer), withMessage)).toEqual({
      updated: { kind: "set", at: when },
      created: { kind: "set", at: when },
      status_changed: { kind: "set", at: when },
      assignment_changed: { kind: "set", at: when },
      customer_waiting: { kind: "start", at: when },
    });
    expect(
      anchorChanges(event("ticket.created", agent), { requesterId: null, description: "x" }).customer_waiting,
    ).toBe(undefined);
    expect(anchorChanges(event("ticket.created", agent), { requesterId: "c", description: " " }).customer_waiting).toBe(
      undefined,
    );
  });

  it("a status or assignee change moves its anchor, whatever the event type", () => {
    const changes = [
      { field: "status", from: "open", to: "in_progress" },
      { field: "assigneeId", from: null, to: "a" },
    ];
    expect(anchorChanges(event("ticket.assigned", agent, { changes }), withMessage)).toEqual({
      updated: { kind: "set", at: when },
      status_changed: { kind: "set", at: when },
      assignment_changed: { kind: "set", at: when },
    });
    const tags = [{ field: "tags", from: [], to: ["x"] }];
    expect(anchorChanges(event("ticket.updated", agent, { changes: tags }), withMessage)).toEqual({
      updated: { kind: "set", at: when },
    });
  });

  it("a customer's message starts customer waiting and clears agent waiting; an agent's public reply the reverse", () => {
    expect(anchorChanges(event("ticket.message_added", customer, { internal: false }), withMessage)).toMatchObject({
      customer_waiting: { kind: "start", at: when },
      agent_waiting: { kind: "clear" },
    });
    expect(anchorChanges(event("ticket.message_added", agent, { internal: false }), withMessage)).toMatchObject({
      customer_waiting: { kind: "clear" },
      agent_waiting: { kind: "start", at: when },
    });
  });

  it("notes, system messages and SLA events leave the waiting anchors alone", () => {
    const note = anchorChanges(event("ticket.note_added", agent, { internal: true }), withMessage);
    expect(note.customer_waiting).toBeUndefined();
    const system = anchorChanges(event("ticket.message_added", { type: "system", id: null, name: "x" }), withMessage);
    expect(system.customer_waiting).toBeUndefined();
    expect(anchorChanges(event("sla.breached", { type: "system", id: null, name: "sla" }), withMessage)).toEqual({});
  });
});
