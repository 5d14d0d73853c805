import { describe, expect, it } from "vitest";
import type { Calendar } from "../calendars/index.js";
import type { TicketRow } from "../tickets/index.js";
import {
  type Measure,
  nextCheck,
  pauseClock,
  resumeClock,
  retargetClock,
  startClock,
  stopClock,
} from "./clock-math.js";
import { DEFAULT_POLICY, type SlaPolicy } from "./policy.js";
import { nextTimes } from "./sync-clocks.js";

const weekdays = [{ start: "09:00", end: "18:00" }];
const OFFICE: Calendar = {
  timeZone: "Europe/Berlin",
  hours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] },
  holidays: [{ date: "2026-12-25", name: "Christmas" }],
};
const office: Measure = { calendar: OFFICE, warningShare: 0.8 };
const always: Measure = { calendar: null, warningShare: 0.8 };
const HOUR = 3_600_000;
const MIN = 60_000;
const at = (iso: string) => new Date(iso);

describe("SLA clock arithmetic", () => {
  it("a ticket created Friday 17:55 with a 1 h business target is due Monday 09:55", () => {
    // 2026-11-20 is a Friday; Berlin is UTC+1 in November.
    const c = startClock(office, at("2026-11-20T16:55:00Z"), HOUR, true);
    expect(c.dueAt?.toISOString()).toBe("2026-11-23T08:55:00.000Z");
    // 80% of 60 min = 48 min: 5 min on Friday, 43 on Monday.
    expect(c.warnAt?.toISOString()).toBe("2026-11-23T08:43:00.000Z");
  });

  it("skips a holiday", () => {
    // Thursday 24 Dec 17:30 + 1 h: 30 min that evening; Friday 25th is a holiday, then the
    // weekend; the other 30 min run on Monday 28th from 09:00.
    const c = startClock(office, at("2026-12-24T16:30:00Z"), HOUR, true);
    expect(c.dueAt?.toISOString()).toBe("2026-12-28T08:30:00.000Z");
  });

  it("pausing banks the business time spent; resuming counts the rest from then", () => {
    const c = startClock(office, at("2026-11-23T08:00:00Z"), 2 * HOUR, true); // Mon 09:00 Berlin
    const paused = pauseClock(c, office, at("2026-11-23T08:30:00Z"));
    expect(paused).toMatchObject({ state: "paused", consumedMs: 30 * MIN, dueAt: null, warnAt: null });
    const resumed = resumeClock(paused, office, at("2026-11-24T09:00:00Z")); // Tue 10:00 Berlin
    expect(resumed.state).toBe("running");
    expect(resumed.dueAt?.toISOString()).toBe("2026-11-24T10:30:00.000Z");
  });

  it("calendar-hour clocks count every hour, nights and weekends included", () => {
    const c = startClock(always, at("2026-11-20T16:55:00Z"), 4 * HOUR, false);
    expect(c.dueAt?.toISOString()).toBe("2026-11-20T20:55:00.000Z");
  });

  it("stopping after the due moment records the breach even if the scheduler has not run", () => {
    const c = startClock(always, at("2026-11-20T10:00:00Z"), HOUR, false);
    const s = stopClock(c, always, at("2026-11-20T12:00:00Z"), true);
    expect(s.state).toBe("stopped");
    expect(s.metAt?.toISOString()).toBe("2026-11-20T12:00:00.000Z");
    expect(s.breachedAt?.toISOString()).toBe("2026-11-20T11:00:00.000Z");
    expect(nextCheck(s, [0, 120])).toBeNull();
  });

  it("retargeting keeps the time already spent", () => {
    const c = startClock(always, at("2026-11-20T10:00:00Z"), 4 * HOUR, false);
    const r = retargetClock(c, always, at("2026-11-20T11:00:00Z"), 24 * HOUR, false);
    expect(r.consumedMs).toBe(HOUR);
    expect(r.dueAt?.toISOString()).toBe("2026-11-21T10:00:00.000Z");
  });

  it("next check: warning first, then breach, then each escalation threshold after the breach", () => {
    const c = startClock(always, at("2026-11-20T10:00:00Z"), 10 * HOUR, false);
    expect(nextCheck(c, [0, 120, 480])?.toISOString()).toBe("2026-11-20T18:00:00.000Z");
    const warned = { ...c, warnedAt: c.warnAt };
    expect(nextCheck(warned, [0, 120, 480])?.toISOString()).toBe("2026-11-20T20:00:00.000Z");
    const breached = { ...warned, breachedAt: c.dueAt, escalationLevel: 1 };
    expect(nextCheck(breached, [0, 120, 480])?.toISOString()).toBe("2026-11-20T22:00:00.000Z");
    expect(nextCheck({ ...breached, escalationLevel: 3 }, [0, 120, 480])).toBeNull();
  });
});

const baseTicket = {
  id: "t",
  status: "open",
  priority: 2,
  createdAt: at("2026-11-20T10:00:00Z"),
  firstResponseAt: null,
  resolvedAt: null,
} as unknown as TicketRow;
const policy: SlaPolicy = {
  ...DEFAULT_POLICY,
  targets: { firstResponse: { minutes: 60, business: false }, nextResponse: { minutes: 120, business: false } },
};

describe("clock transitions for what happens to a ticket", () => {
  const target = { ms: HOUR, business: false };
  it("first response starts at creation and is met by an agent's public reply", () => {
    const c = nextTimes(
      "first_response",
      undefined,
      target,
      baseTicket,
      policy,
      always,
      "created",
      baseTicket.createdAt,
    );
    expect(c?.dueAt?.toISOString()).toBe("2026-11-20T11:00:00.000Z");
    const replied = { ...baseTicket, firstResponseAt: at("2026-11-20T10:30:00Z") } as TicketRow;
    const met = nextTimes(
      "first_response",
      c,
      target,
      replied,
      policy,
      always,
      "agent_reply",
      at("2026-11-20T10:30:00Z"),
    );
    expect(met).toMatchObject({ state: "stopped", breachedAt: null });
    expect(met?.metAt?.toISOString()).toBe("2026-11-20T10:30:00.000Z");
  });

  it("next response starts only with a customer message after the first reply, and restarts each time", () => {
    const t2 = { ms: 2 * HOUR, business: false };
    expect(
      nextTimes(
        "next_response",
        undefined,
        t2,
        baseTicket,
        policy,
        always,
        "customer_message",
        at("2026-11-20T10:10:00Z"),
      ),
    ).toBeUndefined();
    const replied = { ...baseTicket, firstResponseAt: at("2026-11-20T10:30:00Z") } as TicketRow;
    const c = nextTimes(
      "next_response",
      undefined,
      t2,
      replied,
      policy,
      always,
      "customer_message",
      at("2026-11-20T11:00:00Z"),
    );
    expect(c?.dueAt?.toISOString()).toBe("2026-11-20T13:00:00.000Z");
    const met = nextTimes("next_response", c, t2, replied, policy, always, "agent_reply", at("2026-11-20T12:00:00Z"));
    expect(met?.state).toBe("stopped");
    const again = nextTimes(
      "next_response",
      met,
      t2,
      replied,
      policy,
      always,
      "customer_message",
      at("2026-11-21T09:00:00Z"),
    );
    expect(again?.dueAt?.toISOString()).toBe("2026-11-21T11:00:00.000Z");
  });

  it("pauses in a pause status, resumes when work goes on, stops when resolved and resumes on reopen", () => {
    const t = { ms: 4 * HOUR, business: false };
    const c = nextTimes("resolution", undefined, t, baseTicket, policy, always, "created", baseTicket.createdAt);
    const waiting = { ...baseTicket, status: "pending_customer" } as TicketRow;
    const p = nextTimes("resolution", c, t, waiting, policy, always, "changed", at("2026-11-20T11:00:00Z"));
    expect(p).toMatchObject({ state: "paused", consumedMs: HOUR });
    const back = nextTimes(
      "resolution",
      p,
      t,
      baseTicket,
      policy,
      always,
      "customer_message",
      at("2026-11-21T11:00:00Z"),
    );
    expect(back?.dueAt?.toISOString()).toBe("2026-11-21T14:00:00.000Z");
    const resolved = { ...baseTicket, status: "resolved", resolvedAt: at("2026-11-21T12:00:00Z") } as TicketRow;
    const done = nextTimes("resolution", back, t, resolved, policy, always, "changed", at("2026-11-21T12:00:00Z"));
    expect(done).toMatchObject({ state: "stopped", consumedMs: 2 * HOUR });
    expect(done?.metAt?.toISOString()).toBe("2026-11-21T12:00:00.000Z");
    const reopened = nextTimes(
      "resolution",
      done,
      t,
      baseTicket,
      policy,
      always,
      "changed",
      at("2026-11-22T12:00:00Z"),
    );
    expect(reopened).toMatchObject({ state: "running", metAt: null });
    expect(reopened?.dueAt?.toISOString()).toBe("2026-11-22T14:00:00.000Z");
  });
});
