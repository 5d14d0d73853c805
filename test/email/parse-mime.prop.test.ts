import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MalformedEmailError } from "../../src/core/channels/email/types.js";
import { parseMime } from "../../src/integrations/email/parse-mime.js";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "email");
const FIXTURES = readdirSync(DIR)
  .filter((n) => n.endsWith(".eml"))
  .sort()
  .map((n) => readFileSync(join(DIR, n)));

/** Parses or raises MalformedEmailError; anything else fails the property. */
async function parsesOrMalformed(raw: Buffer): Promise<void> {
  try {
    const mail = await parseMime(raw);
    expect(typeof mail.text).toBe("string");
    expect(mail.html === null || !/<script/i.test(mail.html)).toBe(true);
  } catch (err) {
    if (!(err instanceof MalformedEmailError)) throw err;
  }
}

type Mutation =
  | { kind: "flip"; at: number; value: number }
  | { kind: "cut"; at: number; length: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 32 }),
      fc.constantFrom(
        ...[
          "\r\n\r\n",
          "--",
          "=?UTF-8?B?",
          "?=",
          ":",
          "\r\n ",
          "Content-Type: multipart/mixed; boundary=x\r\n",
          "<script>",
        ].map((s) => new Uint8Array(Buffer.from(s))),
      ),
    ),
  }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutate(source: Buffer, steps: Mutation[]): Buffer {
  let out = Buffer.from(source);
  for (const step of steps) {
    const at = out.length === 0 ? 0 : step.at % (out.length + 1);
    if (step.kind === "flip" && at < out.length) out[at] = step.value;
    else if (step.kind === "cut") out = Buffer.concat([out.subarray(0, at), out.subarray(at + step.length)]);
    else if (step.kind === "insert")
      out = Buffer.concat([out.subarray(0, at), Buffer.from(step.bytes), out.subarray(at)]);
    else if (step.kind === "truncate") out = out.subarray(0, at);
  }
  return out;
}

describe("parseMime never throws anything but MalformedEmailError", () => {
  it("on random bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => parsesOrMalformed(Buffer.from(bytes))),
      { numRuns: 80 },
    );
  });

  it("on random mutations of the fixtures", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: FIXTURES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        async (index, steps) => parsesOrMalformed(mutate(FIXTURES[index] ?? Buffer.alloc(0), steps)),
      ),
      { numRuns: 120 },
    );
  });
});
