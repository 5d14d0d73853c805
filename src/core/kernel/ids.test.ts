import { describe, expect, it } from "vitest";
import { isUuid, newId } from "./ids.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const timestampOf = (id: string) => Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);

describe("newId", () => {
  it("produces a lowercase UUIDv7: version nibble 7, variant bits 10", () => {
    for (let k = 0; k < 200; k++) {
      const id = newId(new Date(1_700_000_000_000 + k));
      expect(id).toMatch(UUID_V7);
      const hex = id.replace(/-/g, "");
      expect(hex[12]).toBe("7");
      expect(Number.parseInt(hex[16] ?? "", 16) >> 2).toBe(0b10);
    }
  });

  it("stores the creation time in its first 48 bits", () => {
    for (const iso of ["1970-01-01T00:00:00.001Z", "2024-01-15T10:00:00.000Z", "2999-12-31T23:59:59.999Z"]) {
      const d = new Date(iso);
      expect(timestampOf(newId(d)), iso).toBe(d.getTime());
    }
  });

  it("sorts ids made at later times after earlier ones, as strings", () => {
    const times = [
      0, 1, 255, 256, 65_535, 65_536, 1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_255, 1_700_000_000_256,
      1_800_000_000_000, 4_102_444_800_000,
    ];
    const ids = times.map((t) => newId(new Date(t)));
    for (let k = 1; k < ids.length; k++) {
      expect((ids[k - 1] as string) < (ids[k] as string), `${times[k - 1]} < ${times[k]}`).toBe(true);
    }
  });

  it("sorts a shuffled batch of ids into creation order", () => {
    const base = Date.UTC(2024, 0, 1);
    const made = Array.from({ length: 100 }, (_, k) => ({ t: base + k * 977, id: newId(new Date(base + k * 977)) }));
    const shuffled = [...made].sort(() => Math.random() - 0.5);
    const sorted = shuffled.map((m) => m.id).sort();
    expect(sorted).toEqual(made.map((m) => m.id));
  });

  it("gives different ids for the same instant", () => {
    const d = new Date("2024-01-15T10:00:00.000Z");
    const ids = new Set(Array.from({ length: 1000 }, () => newId(d)));
    expect(ids.size).toBe(1000);
  });

  it("does not modify the date it is given", () => {
    const d = new Date("2024-01-15T10:00:00.000Z");
    newId(d);
    expect(d.toISOString()).toBe("2024-01-15T10:00:00.000Z");
  });
});

describe("isUuid", () => {
  it("accepts ids from newId", () => {
    expect(isUuid(newId(new Date()))).toBe(true);
  });

  it("accepts other UUID versions and upper case", () => {
    expect(isUuid("123e4567-e89b-42d3-a456-426614174000")).toBe(true);
    expect(isUuid("123E4567-E89B-42D3-A456-426614174000")).toBe(true);
  });

  it("rejects strings that are not UUIDs", () => {
    for (const bad of [
      "",
      "not-a-uuid",
      "123e4567e89b42d3a456426614174000",
      "123e4567-e89b-42d3-a456-42661417400",
      "123e4567-e89b-42d3-a456-4266141740000",
      "123e4567-e89b-42d3-a456-42661417400g",
      " 123e4567-e89b-42d3-a456-426614174000",
      "123e4567-e89b-42d3-a456-426614174000\n",
      "{123e4567-e89b-42d3-a456-426614174000}",
    ]) {
      expect(isUuid(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
