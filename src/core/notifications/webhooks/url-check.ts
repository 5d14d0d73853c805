/**
 * Where a webhook may point. http and https only, no credentials in the URL,
 * and no loopback, private, link-local or otherwise internal address unless
 * the caller says `allowPrivate: true` (a receiver on the same network, tests).
 * The host is judged as written: an IP literal by its range, `localhost` and
 * `*.localhost`, `*.local`, `*.internal` by name. Names are not resolved, so a
 * public name that resolves to a private address is not caught here.
 */
import { isIP } from "node:net";
import { invalid } from "../../kernel/index.js";

function ipv4Private(ip: string): boolean {
  const [a = 0, b = 0] = ip.split(".").map(Number);
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (cloud metadata)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast and reserved
  );
}

function ipv6Private(ip: string): boolean {
  const s = ip.toLowerCase();
  if (s === "::" || s === "::1") return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (mapped?.[1]) return ipv4Private(mapped[1]);
  if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(s)) return true; // mapped, written in hex: refuse
  const first = Number.parseInt(s.split(":")[0] || "0", 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 // multicast
  );
}

/** True when the host (as in a URL: IPv6 in brackets) is loopback, private or internal. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  const kind = isIP(host);
  if (kind === 4) return ipv4Private(host);
  if (kind === 6) return ipv6Private(host);
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host.endsWith(".local") ||
    host.endsWith(".internal") ||
    !host.includes(".")
  );
}

/**
 * The URL a webhook posts to, normalised; refuses (naming `field`) what is not
 * an absolute http(s) URL, carries a user or password, or points at a private
 * host without `allowPrivate`.
 */
export function checkWebhookUrl(text: string, allowPrivate: boolean, field = "url"): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalid(
      "webhook.bad_url",
      `${field}: "${text}" is not an absolute URL like https://hooks.example.com/helpline`,
      field,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalid("webhook.bad_url", `${field}: only http and https URLs are allowed, not ${url.protocol}`, field);
  }
  if (url.username || url.password) {
    throw invalid(
      "webhook.bad_url",
      `${field}: the URL must not carry a user name or password; receivers verify the signature header instead`,
      field,
    );
  }
  if (!allowPrivate && isPrivateHost(url.hostname)) {
    throw invalid(
      "webhook.private_url",
      `${field}: ${url.hostname} is a loopback, private or internal address; pass allowPrivate: true ` +
        "(CLI: --allow-private) to post to a receiver on your own network",
      field,
    );
  }
  url.hash = "";
  return url.toString();
}
