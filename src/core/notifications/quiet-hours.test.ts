import { describe, expect, it } from "vitest";
import { quietUntil } from "./quiet-hours.js";

const at = (iso: string) => new Date(iso);

describe("quietUntil", () => {
  it("is null without quiet hours or with equal start and end", () => {
    expect(quietUntil(at("2026-03-02T23:00:00Z"), null, "UTC")).toBeNull();
    expect(quietUntil(at("2026-03-02T23:00:00Z"), { start: "22:00", end: "22:00" }, "UTC")).toBeNull();
  });

  it("holds until the end of a same-day window and not outside it", () => {
    const q = { start: "12:00", end: "13:30" };
    expect(quietUntil(at("2026-03-02T12:10:00Z"), q, "UTC")).toEqual(at("2026-03-02T13:30:00Z"));
    expect(quietUntil(at("2026-03-02T11:59:00Z"), q, "UTC")).toBeNull();
    expect(quietUntil(at("2026-03-02T13:30:00Z"), q, "UTC")).toBeNull();
  });

  it("wraps midnight: late evening holds until tomorrow morning, early morning until this morning", () => {
    const q = { start: "22:00", end: "07:00" };
    expect(quietUntil(at("2026-03-02T23:15:00Z"), q, "UTC")).toEqual(at("2026-03-03T07:00:00Z"));
    expect(quietUntil(at("2026-03-03T03:00:00Z"), q, "UTC")).toEqual(at("2026-03-03T07:00:00Z"));
    expect(quietUntil(at("2026-03-03T07:00:00Z"), q, "UTC")).toBeNull();
    expect(quietUntil(at("2026-03-03T21:59:00Z"), q, "UTC")).toBeNull();
  });

  it("reads the wall clock in the person's time zone", () => {
    const q = { start: "22:00", end: "07:00" };
    // 21:30 UTC is 22:30 in Berlin (winter, +01:00): quiet until 07:00 Berlin = 06:00 UTC.
    expect(quietUntil(at("2026-03-02T21:30:00Z"), q, "Europe/Berlin")).toEqual(at("2026-03-03T06:00:00Z"));
    // 21:30 UTC is 16:30 in New York: not quiet.
    expect(quietUntil(at("2026-03-02T21:30:00Z"), q, "America/New_York")).toBeNull();
  });

  it("ends at the local end time across a DST change in the night", () => {
    const q = { start: "22:00", end: "07:00" };
    // Berlin springs forward on 29 March 2026 (02:00 → 03:00): 07:00 that morning is 05:00 UTC.
    expect(quietUntil(at("2026-03-28T22:00:00Z"), q, "Europe/Berlin")).toEqual(at("2026-03-29T05:00:00Z"));
    // And falls back on 25 October 2026: 07:00 that morning is 06:00 UTC.
    expect(quietUntil(at("2026-10-24T21:00:00Z"), q, "Europe/Berlin")).toEqual(at("2026-10-25T06:00:00Z"));
  });

  it("an end time skipped by the jump moves forward with the clocks", () => {
    const q = { start: "01:00", end: "02:30" };
    // 01:30 Berlin on 29 March 2026 (00:30 UTC): 02:30 does not exist that night; it ends at 03:30 local.
    expect(quietUntil(at("2026-03-29T00:30:00Z"), q, "Europe/Berlin")).toEqual(at("2026-03-29T01:30:00Z"));
  });
});
