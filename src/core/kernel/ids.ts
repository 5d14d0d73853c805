import { randomFillSync } from "node:crypto";

/** Random bytes are drawn 4 KiB at a time: one system call per 512 ids instead of one each. */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
function random8(target: Uint8Array): void {
  if (poolOffset + 8 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  target.set(pool.subarray(poolOffset, poolOffset + 8), 8);
  poolOffset += 8;
}

let lastInput = -1;
let lastOut = -1;
let counter = 0;

/**
 * A UUIDv7: 48 bits of milliseconds, a 12-bit counter, then randomness.
 * Within one process, ids made for the same instant are strictly increasing
 * (RFC 9562 §6.2 method 1), so entries written in one transaction keep their order.
 */
export function newId(now: Date): string {
  const input = now.getTime();
  if (input === lastInput) {
    counter++;
    if (counter > 0xfff) {
      // 4,096 ids for one instant: borrow the next millisecond.
      lastOut++;
      counter = 0;
    }
  } else {
    lastInput = input;
    lastOut = input;
    counter = 0;
  }
  const ms = lastOut;
  const bytes = new Uint8Array(16);
  random8(bytes);
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t & 0xff;
    t = Math.floor(t / 256);
  }
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
