import { describe, expect, it } from "vitest";
import { DomainError } from "./errors.js";
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, MAX_PAGE_SIZE } from "./page.js";

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to throw, but it returned normally");
}

function expectBadCursor(cursor: string, arity: number) {
  const err = thrownBy(() => decodeCursor(cursor, arity));
  expect(err, JSON.stringify(cursor)).toBeInstanceOf(DomainError);
  const e = err as DomainError;
  expect(e.kind).toBe("validation");
  expect(e.code).toBe("page.bad_cursor");
  expect(e.field).toBe("cursor");
  expect(e.message).toMatch(/cursor/i);
}

describe("encodeCursor and decodeCursor", () => {
  it("round-trip the values of a page boundary", () => {
    const values = ["2024-01-15T10:00:00.000Z", "0190f3c2-7b1a-7c3e-8d2f-1a2b3c4d5e6f"];
    expect(decodeCursor(encodeCursor(values), 2)).toEqual(values);
  });

  it("round-trip numbers, null, booleans and non-ASCII text", () => {
    const values = [3, null, true, -1.5, "Zoë — ünïcødé ✓", ""];
    expect(decodeCursor(encodeCursor(values), values.length)).toEqual(values);
  });

  it("round-trip an empty list with arity 0", () => {
    expect(decodeCursor(encodeCursor([]), 0)).toEqual([]);
  });

  it("produce a URL-safe cursor", () => {
    // bytes that base64 would render with + and /
    const cursor = encodeCursor(["\u00fb\u00ff\u00fe?>>>", "~~~???"]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("reject garbage with page.bad_cursor on the cursor field", () => {
    for (const garbage of ["", "garbage", "%%%%", "not a cursor!", "eyJ", "bnVsbA"]) {
      expectBadCursor(garbage, 2);
    }
  });

  it("reject a cursor that decodes to JSON but not to a list", () => {
    expectBadCursor(Buffer.from(JSON.stringify({ a: 1 })).toString("base64url"), 1);
    expectBadCursor(Buffer.from(JSON.stringify("x")).toString("base64url"), 1);
    expectBadCursor(Buffer.from("null").toString("base64url"), 0);
  });

  it("reject a cursor with the wrong number of values", () => {
    const cursor = encodeCursor(["2024-01-15T10:00:00.000Z", "id"]);
    expectBadCursor(cursor, 1);
    expectBadCursor(cursor, 3);
    expect(decodeCursor(cursor, 2)).toHaveLength(2);
  });
});

describe("page size limits", () => {
  it("default to 50 and cap at 500", () => {
    expect(DEFAULT_PAGE_SIZE).toBe(50);
    expect(MAX_PAGE_SIZE).toBe(500);
    expect(DEFAULT_PAGE_SIZE).toBeLessThanOrEqual(MAX_PAGE_SIZE);
  });
});
