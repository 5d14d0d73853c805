import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The signed token in a plus-addressed Reply-To (`support+1001.k2n5x8q3ma7d@…`):
 * the ticket number and an HMAC over workspace and number, so a stranger cannot
 * forge an address that threads into someone else's ticket. Lower-case base32
 * survives mail systems that fold the local part's case.
 */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const MAC_CHARS = 12;

function base32(bytes: Buffer, chars: number): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  return out;
}

function mac(key: Buffer, workspaceId: string, ticketNumber: number): string {
  const digest = createHmac("sha256", key).update(`helpline reply token v1\n${workspaceId}\n${ticketNumber}`).digest();
  return base32(digest, MAC_CHARS);
}

export function replyToken(key: Buffer, workspaceId: string, ticketNumber: number): string {
  return `${ticketNumber}.${mac(key, workspaceId, ticketNumber)}`;
}

/** The ticket number a token names, or null when it is not one of ours (or forged). */
export function readReplyToken(key: Buffer, workspaceId: string, token: string): number | null {
  const m = /^(\d{1,12})\.([a-z2-7]{12})$/.exec(token.trim().toLowerCase());
  if (!m) return null;
  const number = Number(m[1]);
  const expected = Buffer.from(mac(key, workspaceId, number));
  const given = Buffer.from(m[2] as string);
  return expected.length === given.length && timingSafeEqual(expected, given) ? number : null;
}
