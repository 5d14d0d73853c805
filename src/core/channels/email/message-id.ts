import { randomBytes } from "node:crypto";

/**
 * A Message-ID as stored and compared: without angle brackets or surrounding
 * space. Case is kept (the local part is case-sensitive); "" when empty.
 */
export function normalizeMessageId(value: string): string {
  return value.trim().replace(/^<+/, "").replace(/>+$/, "").trim();
}

/** Every `<id>` in a References / In-Reply-To header (or bare ids separated by space), in order, deduplicated. */
export function parseMessageIdList(header: string | string[] | undefined | null): string[] {
  if (!header) return [];
  const text = Array.isArray(header) ? header.join(" ") : header;
  const found = text.match(/<[^<>\s]+>/g) ?? text.split(/[\s,]+/);
  const out: string[] = [];
  for (const raw of found) {
    const id = normalizeMessageId(raw);
    if (id && id.length <= 998 && !out.includes(id)) out.push(id);
  }
  return out;
}

/** A new Message-ID for mail we send: `<helpline.<entropy>.<tag>@domain>` without brackets. */
export function newMessageId(domain: string, tag: string): string {
  const safeDomain = domain.replace(/[^a-z0-9.-]/gi, "") || "helpline.invalid";
  const safeTag = tag.replace(/[^a-z0-9.-]/gi, "");
  return `helpline.${randomBytes(9).toString("base64url").replace(/[-_]/g, "x")}.${safeTag}@${safeDomain}`;
}

/** `<id>` for a header. */
export const bracketed = (id: string): string => `<${id}>`;

/** The References chain for a reply: what the parent referenced, then the parent, at most `max` (first kept). */
export function referencesFor(parentReferences: string[], parentId: string | null, max = 20): string[] {
  const chain = [...parentReferences.filter((r) => r !== parentId)];
  if (parentId) chain.push(parentId);
  if (chain.length <= max) return chain;
  // RFC 5322 §3.6.4 advice: keep the first (thread root) and the most recent ones.
  return [chain[0] as string, ...chain.slice(chain.length - (max - 1))];
}
