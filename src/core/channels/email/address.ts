/** Lower-cased, trimmed address; angle brackets and a `mailto:` prefix removed. */
export function normalizeAddress(address: string): string {
  return address
    .trim()
    .replace(/^mailto:/i, "")
    .replace(/^<|>$/g, "")
    .toLowerCase();
}

/** `support+abc@example.com` → { base: "support@example.com", tag: "abc" }; no tag → tag null. */
export function splitPlusAddress(address: string): { base: string; tag: string | null } {
  const a = normalizeAddress(address);
  const at = a.lastIndexOf("@");
  if (at < 1) return { base: a, tag: null };
  const local = a.slice(0, at);
  const domain = a.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus < 0) return { base: a, tag: null };
  return { base: `${local.slice(0, plus)}@${domain}`, tag: local.slice(plus + 1) || null };
}

/** `support@example.com` + `abc` → `support+abc@example.com`. */
export function plusAddress(address: string, tag: string): string {
  const a = normalizeAddress(address);
  const at = a.lastIndexOf("@");
  return `${a.slice(0, at)}+${tag}${a.slice(at)}`;
}

/** The domain of an address (lower case), or "" when it has none. */
export function domainOf(address: string): string {
  const a = normalizeAddress(address);
  const at = a.lastIndexOf("@");
  return at < 0 ? "" : a.slice(at + 1);
}

const SIMPLE_ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** A plausible mailbox address (what a desk can reply to). */
export function isDeliverableAddress(address: string): boolean {
  return SIMPLE_ADDRESS.test(address) && address.length <= 254;
}
