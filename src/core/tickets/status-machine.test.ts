import { describe, expect, it } from "vitest";
import { ACTIVE_STATUSES, TICKET_STATUSES, type TicketStatus } from "../../../common/enums.js";
import { DomainError } from "../kernel/errors.js";
import {
  allowedNextStatuses,
  assertTransition,
  canTransition,
  InvalidTransitionError,
  isActiveStatus,
  statusEventType,
  TRANSITIONS,
} from "./status-machine.js";

function thrownBy(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to throw, but it returned normally");
}

const allowedPairs: [TicketStatus, TicketStatus][] = TICKET_STATUSES.flatMap((from) =>
  TRANSITIONS[from].map((to): [TicketStatus, TicketStatus] => [from, to]),
);
const disallowedPairs: [TicketStatus, TicketStatus][] = TICKET_STATUSES.flatMap((from) =>
  TICKET_STATUSES.filter((to) => !TRANSITIONS[from].includes(to)).map((to): [TicketStatus, TicketStatus] => [from, to]),
);

describe("the transition table", () => {
  it("has an entry for every ticket status and nothing else", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...TICKET_STATUSES].sort());
  });

  it("only leads to statuses that exist", () => {
    for (const from of TICKET_STATUSES) {
      for (const to of TRANSITIONS[from]) {
        expect(TICKET_STATUSES, `${from} → ${to}`).toContain(to);
      }
    }
  });

  it("never lists a status as its own successor nor lists a target twice", () => {
    for (const from of TICKET_STATUSES) {
      expect(TRANSITIONS[from], from).not.toContain(from);
      expect(new Set(TRANSITIONS[from]).size, from).toBe(TRANSITIONS[from].length);
    }
  });

  it("exposes each status's successors through allowedNextStatuses", () => {
    for (const from of TICKET_STATUSES) {
      expect(allowedNextStatuses(from)).toEqual(TRANSITIONS[from]);
    }
  });

  it("follows seed 002's happy path open → in_progress → review → resolved → closed", () => {
    const path: TicketStatus[] = ["open", "in_progress", "review", "resolved", "closed"];
    for (let i = 1; i < path.length; i++) {
      const from = path[i - 1] as TicketStatus;
      const to = path[i] as TicketStatus;
      expect(canTransition(from, to), `${from} → ${to}`).toBe(true);
    }
  });
});

describe("allowed transitions", () => {
  for (const [from, to] of allowedPairs) {
    it(`accepts ${from} → ${to}`, () => {
      expect(canTransition(from, to)).toBe(true);
      expect(() => assertTransition(from, to)).not.toThrow();
    });
  }

  it("lets a resolved ticket be reopened to open", () => {
    expect(canTransition("resolved", "open")).toBe(true);
    expect(() => assertTransition("resolved", "open")).not.toThrow();
  });

  it("lets a resolved ticket be reopened straight to in_progress", () => {
    expect(canTransition("resolved", "in_progress")).toBe(true);
    expect(() => assertTransition("resolved", "in_progress")).not.toThrow();
  });
});

describe("disallowed transitions", () => {
  it("rejects every pair not in the table", () => {
    expect(disallowedPairs.length).toBeGreaterThan(0);
    for (const [from, to] of disallowedPairs) {
      expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
      expect(
        thrownBy(() => assertTransition(from, to)),
        `${from} → ${to}`,
      ).toBeInstanceOf(InvalidTransitionError);
    }
  });

  const samples: [TicketStatus, TicketStatus][] = [
    ["open", "review"],
    ["open", "closed"],
    ["open", "open"],
    ["review", "open"],
    ["review", "cancelled"],
    ["on_hold", "resolved"],
    ["pending_customer", "review"],
    ["resolved", "cancelled"],
  ];
  for (const [from, to] of samples) {
    it(`rejects ${from} → ${to} with a validation error naming the allowed next statuses`, () => {
      const err = thrownBy(() => assertTransition(from, to));
      expect(err).toBeInstanceOf(InvalidTransitionError);
      expect(err).toBeInstanceOf(DomainError);
      const e = err as InvalidTransitionError;
      expect(e.kind).toBe("validation");
      expect(e.code).toBe("ticket.invalid_transition");
      expect(e.field).toBe("status");
      expect(e.from).toBe(from);
      expect(e.to).toBe(to);
      expect(e.details).toEqual({ from, to, allowed: [...TRANSITIONS[from]] });
      expect(e.message).toContain(`from ${from} to ${to}`);
      expect(e.message).toContain(`allowed next statuses: ${TRANSITIONS[from].join(", ")}`);
      for (const next of TRANSITIONS[from]) expect(e.message).toContain(next);
    });
  }

  it("copies the allowed list into details so callers cannot mutate the table", () => {
    const e = thrownBy(() => assertTransition("open", "closed")) as InvalidTransitionError;
    const allowed = e.details?.allowed as TicketStatus[];
    allowed.push("closed");
    expect(TRANSITIONS.open).not.toContain("closed");
  });
});

describe("final statuses", () => {
  for (const final of ["closed", "cancelled"] as const) {
    it(`treats ${final} as final: no way out, and the error says so`, () => {
      expect(TRANSITIONS[final]).toEqual([]);
      for (const to of TICKET_STATUSES) {
        expect(canTransition(final, to), `${final} → ${to}`).toBe(false);
      }
      const e = thrownBy(() => assertTransition(final, "open")) as InvalidTransitionError;
      expect(e).toBeInstanceOf(InvalidTransitionError);
      expect(e.code).toBe("ticket.invalid_transition");
      expect(e.field).toBe("status");
      expect(e.message).toContain(final);
      expect(e.message).toMatch(/final/);
      expect(e.message).not.toMatch(/allowed next statuses/);
      expect(e.details?.allowed).toEqual([]);
    });
  }

  it("makes closed and cancelled the only statuses without successors", () => {
    const dead = TICKET_STATUSES.filter((s) => TRANSITIONS[s].length === 0);
    expect(dead.sort()).toEqual(["cancelled", "closed"]);
  });
});

describe("statusEventType", () => {
  it("publishes ticket.resolved for any move into resolved", () => {
    for (const from of TICKET_STATUSES.filter((s) => canTransition(s, "resolved"))) {
      expect(statusEventType(from, "resolved"), from).toBe("ticket.resolved");
    }
  });

  it("publishes ticket.closed when a resolved ticket is closed", () => {
    expect(statusEventType("resolved", "closed")).toBe("ticket.closed");
  });

  it("publishes ticket.reopened when a resolved ticket goes back to open or in_progress", () => {
    expect(statusEventType("resolved", "open")).toBe("ticket.reopened");
    expect(statusEventType("resolved", "in_progress")).toBe("ticket.reopened");
  });

  it("publishes ticket.status_changed for every other allowed move", () => {
    const others = allowedPairs.filter(([from, to]) => to !== "resolved" && to !== "closed" && from !== "resolved");
    expect(others.length).toBeGreaterThan(0);
    for (const [from, to] of others) {
      expect(statusEventType(from, to), `${from} → ${to}`).toBe("ticket.status_changed");
    }
  });
});

describe("isActiveStatus", () => {
  it("counts open, in_progress, on_hold, review and pending_customer as active", () => {
    for (const s of ["open", "in_progress", "on_hold", "review", "pending_customer"] as const) {
      expect(isActiveStatus(s), s).toBe(true);
    }
  });

  it("counts resolved, closed and cancelled as not active", () => {
    for (const s of ["resolved", "closed", "cancelled"] as const) {
      expect(isActiveStatus(s), s).toBe(false);
    }
  });

  it("agrees with ACTIVE_STATUSES for every status", () => {
    for (const s of TICKET_STATUSES) {
      expect(isActiveStatus(s), s).toBe((ACTIVE_STATUSES as readonly string[]).includes(s));
    }
  });
});
