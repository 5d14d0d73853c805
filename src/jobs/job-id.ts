import { createHash } from "node:crypto";

/** A deterministic UUID for (event, listener): enqueuing twice inserts one job. */
export function deliveryJobId(eventId: string, listener: string): string {
  const h = createHash("sha256").update(`${eventId}\u0000${listener}`).digest("hex");
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
