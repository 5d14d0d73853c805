import { describe, expect, it } from "vitest";
import { AGENT_ROLES } from "../../../common/enums.js";
import type { Actor } from "../kernel/actor.js";
import { DomainError } from "../kernel/errors.js";
import { ACTIONS, type Action, authorize, can, type TicketSubject } from "./policy.js";

const TICKET_ACTIONS = ACTIONS.filter((a) => a.startsWith("ticket:"));

const system: Actor = { type: "system", name: "sla-worker" };
const agentOf = (role: (typeof AGENT_ROLES)[number]): Actor => ({ type: "agent", id: `agent-${role}`, role });
const alice: Actor = { type: "customer", id: "cust-alice", role: "customer", companyId: "acme" };
const bob: Actor = { type: "customer", id: "cust-bob", role: "company_user", companyId: "acme" };
const loner: Actor = { type: "customer", id: "cust-loner", role: "company_user", companyId: null };

const alicesTicket: TicketSubject = { requesterId: "cust-alice", companyId: "acme" };
const acmeTicket: TicketSubject = { requesterId: "cust-carol", companyId: "acme" };
const globexTicket: TicketSubject = { requesterId: "cust-dave", companyId: "globex" };
const noCompanyTicket: TicketSubject = { requesterId: "cust-erin", companyId: null };

function thrownBy(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to throw, but it returned normally");
}

describe("system actor", () => {
  it("may do everything", () => {
    for (const action of ACTIONS) {
      expect(can(system, action), action).toBe(true);
      expect(can(system, action, globexTicket), action).toBe(true);
    }
  });
});

describe("agents", () => {
  for (const role of AGENT_ROLES) {
    it(`${role} may act on any ticket`, () => {
      for (const action of TICKET_ACTIONS) {
        expect(can(agentOf(role), action, globexTicket), action).toBe(true);
        expect(can(agentOf(role), action), action).toBe(true);
      }
    });
  }

  it("only manager and superadmin may manage people", () => {
    expect(can(agentOf("manager"), "people:manage")).toBe(true);
    expect(can(agentOf("superadmin"), "people:manage")).toBe(true);
    expect(can(agentOf("agent"), "people:manage")).toBe(false);
  });

  it("only manager and superadmin may manage the workspace", () => {
    expect(can(agentOf("manager"), "workspace:manage")).toBe(true);
    expect(can(agentOf("superadmin"), "workspace:manage")).toBe(true);
    expect(can(agentOf("agent"), "workspace:manage")).toBe(false);
  });

  it("only a superadmin may change settings, read the audit log or manage workspaces", () => {
    for (const action of ["settings:manage", "audit:read", "instance:manage"] as const) {
      expect(can(agentOf("superadmin"), action), action).toBe(true);
      expect(can(agentOf("manager"), action), action).toBe(false);
      expect(can(agentOf("agent"), action), action).toBe(false);
      expect(can(system, action), action).toBe(true);
    }
  });

  it("every agent has views and reads custom fields; only manager and superadmin curate shared views and fields", () => {
    for (const role of AGENT_ROLES) {
      expect(can(agentOf(role), "views:use"), role).toBe(true);
      expect(can(agentOf(role), "fields:read"), role).toBe(true);
      const manages = role !== "agent";
      expect(can(agentOf(role), "views:manage"), role).toBe(manages);
      expect(can(agentOf(role), "fields:manage"), role).toBe(manages);
    }
  });

  it("every agent may create and edit customers", () => {
    for (const role of AGENT_ROLES) expect(can(agentOf(role), "customer:manage"), role).toBe(true);
  });

  it("every agent may read people and reports", () => {
    for (const role of AGENT_ROLES) {
      expect(can(agentOf(role), "people:read"), role).toBe(true);
      expect(can(agentOf(role), "report:read"), role).toBe(true);
    }
  });
});

describe("customers", () => {
  it("may read, and comment on, their own ticket", () => {
    expect(can(alice, "ticket:read", alicesTicket)).toBe(true);
    expect(can(alice, "ticket:comment", alicesTicket)).toBe(true);
  });

  it("may create a ticket", () => {
    expect(can(alice, "ticket:create")).toBe(true);
  });

  it("may not read another requester's ticket, even in their own company", () => {
    expect(can(alice, "ticket:read", acmeTicket)).toBe(false);
    expect(can(alice, "ticket:read", globexTicket)).toBe(false);
    expect(can(alice, "ticket:comment", acmeTicket)).toBe(false);
  });

  it("may not read tickets without naming which ticket", () => {
    expect(can(alice, "ticket:read")).toBe(false);
  });

  it("may list tickets (the list query is scoped to what they may see)", () => {
    expect(can(alice, "ticket:list")).toBe(true);
    expect(can(bob, "ticket:list")).toBe(true);
  });

  it("may not add internal notes, assign, or read reports, even on their own ticket", () => {
    for (const action of ["ticket:note", "ticket:assign", "report:read"] as const) {
      expect(can(alice, action, alicesTicket), action).toBe(false);
      expect(can(bob, action, acmeTicket), action).toBe(false);
      expect(can(alice, action), action).toBe(false);
    }
  });

  it("may not do any staff action", () => {
    const staffOnly: Action[] = [
      "ticket:update",
      "ticket:assign",
      "ticket:status",
      "ticket:escalate",
      "ticket:note",
      "report:read",
      "people:read",
      "people:manage",
      "customer:manage",
      "workspace:manage",
      "settings:manage",
      "audit:read",
      "instance:manage",
      "views:use",
      "views:manage",
      "fields:read",
      "fields:manage",
    ];
    for (const action of staffOnly) {
      expect(can(alice, action, alicesTicket), action).toBe(false);
      expect(can(bob, action, acmeTicket), action).toBe(false);
    }
  });
});

describe("company users", () => {
  it("may read their company's tickets as well as their own", () => {
    expect(can(bob, "ticket:read", acmeTicket)).toBe(true);
    expect(can(bob, "ticket:comment", acmeTicket)).toBe(true);
    expect(can(bob, "ticket:read", { requesterId: "cust-bob", companyId: "acme" })).toBe(true);
  });

  it("may not read another company's tickets", () => {
    expect(can(bob, "ticket:read", globexTicket)).toBe(false);
    expect(can(bob, "ticket:comment", globexTicket)).toBe(false);
  });

  it("may not read company-less tickets of other people", () => {
    expect(can(bob, "ticket:read", noCompanyTicket)).toBe(false);
  });

  it("without a company do not match other company-less tickets", () => {
    expect(loner.type).toBe("customer");
    expect(can(loner, "ticket:read", noCompanyTicket)).toBe(false);
    expect(can(loner, "ticket:read", { requesterId: "cust-loner", companyId: null })).toBe(true);
  });
});

describe("authorize", () => {
  it("returns quietly when the action is allowed", () => {
    expect(() => authorize(alice, "ticket:read", alicesTicket)).not.toThrow();
    expect(() => authorize(agentOf("agent"), "ticket:assign", globexTicket)).not.toThrow();
    expect(() => authorize(system, "people:manage")).not.toThrow();
  });

  it("throws a forbidden DomainError when the action is denied", () => {
    const err = thrownBy(() => authorize(alice, "ticket:read", globexTicket));
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    expect(e.kind).toBe("forbidden");
    expect(e.code).toBe("access.forbidden");
    expect(e.message).toBe("You are not allowed to ticket read on this ticket.");
  });

  it("throws without mentioning a ticket for an action that has none", () => {
    const e = thrownBy(() => authorize(agentOf("agent"), "people:manage")) as DomainError;
    expect(e).toBeInstanceOf(DomainError);
    expect(e.kind).toBe("forbidden");
    expect(e.message).not.toMatch(/ticket/);
    expect(e.message).toContain("people manage");
  });

  it("agrees with can for every actor and action", () => {
    const actors: Actor[] = [system, ...AGENT_ROLES.map(agentOf), alice, bob, loner];
    for (const actor of actors) {
      for (const action of ACTIONS) {
        for (const subject of [undefined, alicesTicket, acmeTicket, globexTicket]) {
          const allowed = can(actor, action, subject);
          let threw = false;
          try {
            authorize(actor, action, subject);
          } catch (err) {
            threw = true;
            expect(err).toBeInstanceOf(DomainError);
          }
          expect(threw, `${JSON.stringify(actor)} ${action}`).toBe(!allowed);
        }
      }
    }
  });
});
