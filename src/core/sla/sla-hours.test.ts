import { describe, expect, it } from "vitest";
import type { PriorityNumber } from "../../../common/enums.js";
import { SLA_HOURS, type SlaSnapshotInput, slaDeadline, slaSnapshot } from "./sla-hours.js";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const created = new Date("2024-01-15T10:00:00.000Z");

function ticket(over: Partial<SlaSnapshotInput> = {}): SlaSnapshotInput {
  const priority = over.priority ?? 1;
  const slaHours = over.slaHours ?? SLA_HOURS[priority];
  return {
    number: "HD-42",
    priority,
    slaHours,
    createdAt: created,
    slaDueAt: slaDeadline(created, slaHours),
    stoppedAt: null,
    ...over,
  };
}

const at = (ms: number) => new Date(created.getTime() + ms);

describe("SLA_HOURS", () => {
  it("gives seed 002's windows: 4 h critical, 24 h high, 72 h medium, 168 h low", () => {
    expect(SLA_HOURS).toEqual({ 1: 4, 2: 24, 3: 72, 4: 168 });
  });
});

describe("slaDeadline", () => {
  it("adds the window in hours to the creation time", () => {
    expect(slaDeadline(created, 4).toISOString()).toBe("2024-01-15T14:00:00.000Z");
    expect(slaDeadline(created, 24).toISOString()).toBe("2024-01-16T10:00:00.000Z");
    expect(slaDeadline(created, 168).toISOString()).toBe("2024-01-22T10:00:00.000Z");
  });

  it("handles fractional hours and does not mutate its input", () => {
    const before = created.getTime();
    expect(slaDeadline(created, 1.5).getTime()).toBe(before + 90 * MINUTE);
    expect(created.getTime()).toBe(before);
  });
});

describe("slaSnapshot", () => {
  it("returns exactly seed 002's check_sla_breach keys", () => {
    const snap = slaSnapshot(ticket(), at(HOUR));
    expect(Object.keys(snap).sort()).toEqual(
      [
        "ticket_id",
        "priority",
        "priority_label",
        "sla_hours",
        "created_at",
        "sla_deadline",
        "is_breached",
        "hours_remaining",
      ].sort(),
    );
  });

  it("fills the fields like seed 002's example", () => {
    const snap = slaSnapshot(ticket(), at(90 * MINUTE));
    expect(snap).toEqual({
      ticket_id: "HD-42",
      priority: 1,
      priority_label: "critical",
      sla_hours: 4,
      created_at: "2024-01-15T10:00:00.000Z",
      sla_deadline: "2024-01-15T14:00:00.000Z",
      is_breached: false,
      hours_remaining: 2.5,
    });
  });

  it("labels every priority number", () => {
    const labels: Record<PriorityNumber, string> = { 1: "critical", 2: "high", 3: "medium", 4: "low" };
    for (const p of [1, 2, 3, 4] as const) {
      const snap = slaSnapshot(ticket({ priority: p }), created);
      expect(snap.priority_label).toBe(labels[p]);
      expect(snap.sla_hours).toBe(SLA_HOURS[p]);
      expect(snap.hours_remaining).toBe(SLA_HOURS[p]);
    }
  });

  it("reports positive hours remaining before the deadline", () => {
    const snap = slaSnapshot(ticket(), at(HOUR));
    expect(snap.hours_remaining).toBe(3);
    expect(snap.is_breached).toBe(false);
  });

  it("reports negative hours remaining after the deadline", () => {
    const snap = slaSnapshot(ticket(), at(6 * HOUR));
    expect(snap.hours_remaining).toBe(-2);
    expect(snap.is_breached).toBe(true);
  });

  it("rounds hours remaining to two decimals", () => {
    // 4 h − 1 h 20 min = 2 h 40 min = 2.666… h
    expect(slaSnapshot(ticket(), at(80 * MINUTE)).hours_remaining).toBe(2.67);
    // 4 h − 2 h 40 min = 1 h 20 min = 1.333… h
    expect(slaSnapshot(ticket(), at(160 * MINUTE)).hours_remaining).toBe(1.33);
    // 1 h 20 min overdue
    expect(slaSnapshot(ticket(), at(4 * HOUR + 80 * MINUTE)).hours_remaining).toBe(-1.33);
    // 1 second left
    expect(slaSnapshot(ticket(), at(4 * HOUR - 1000)).hours_remaining).toBe(0);
  });

  it("is not breached at the deadline itself and is breached a millisecond later", () => {
    expect(slaSnapshot(ticket(), at(4 * HOUR - 1)).is_breached).toBe(false);
    expect(slaSnapshot(ticket(), at(4 * HOUR)).is_breached).toBe(false);
    expect(slaSnapshot(ticket(), at(4 * HOUR)).hours_remaining).toBe(0);
    expect(slaSnapshot(ticket(), at(4 * HOUR + 1)).is_breached).toBe(true);
  });

  it("measures against the stored deadline, not created_at + sla_hours", () => {
    // After an escalation the due time moves; the snapshot must follow it.
    const snap = slaSnapshot(ticket({ slaDueAt: at(10 * HOUR) }), at(6 * HOUR));
    expect(snap.sla_deadline).toBe("2024-01-15T20:00:00.000Z");
    expect(snap.is_breached).toBe(false);
    expect(snap.hours_remaining).toBe(4);
  });

  it("measures a resolved ticket at the moment its clock stopped, not now", () => {
    const resolvedInTime = ticket({ stoppedAt: at(3 * HOUR) });
    const muchLater = at(100 * HOUR);
    const snap = slaSnapshot(resolvedInTime, muchLater);
    expect(snap.is_breached).toBe(false);
    expect(snap.hours_remaining).toBe(1);
    // the result does not drift as time passes
    expect(slaSnapshot(resolvedInTime, at(1000 * HOUR))).toEqual(snap);
  });

  it("keeps a late resolution breached by the amount it was late", () => {
    const resolvedLate = ticket({ stoppedAt: at(5 * HOUR + 30 * MINUTE) });
    const snap = slaSnapshot(resolvedLate, at(50 * HOUR));
    expect(snap.is_breached).toBe(true);
    expect(snap.hours_remaining).toBe(-1.5);
  });
});
