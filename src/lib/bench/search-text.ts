/**
 * Text for the bench dataset that full-text search can be measured on: a
 * vocabulary of a few thousand support-desk terms ranked by how common they
 * are, and SQL that writes pseudo-random sentences from it inside the database.
 *
 * Words are drawn log-uniformly by rank (`rank = floor((n + 1) ^ random())`),
 * which is Zipf's law with exponent 1: the commonest word is ~9 % of all words,
 * rank 100 is ~0.1 %, rank 2,500 ~0.005 % — in a million 50-word descriptions
 * the rarest terms occur in a few thousand tickets, the commonest in most.
 * Rank 1 … FUNCTION_WORDS.length are function words (mostly stop words the
 * text-search configuration drops), then support vocabulary, then generated
 * product names, error codes and model numbers (the long, rare tail).
 */
import { sqlTextArray } from "./sql-literals.js";

/** Ranked by hand: the commonest words of English support mail, most of them stop words. */
const FUNCTION_WORDS = `the to and i a is it of you for we on my in that this not have be with our can
please was are but your at from as me do would could if an so there it's i'm when or after all will been
just has they any about us what also now still get no one which their its here how some them again
only then like need did by than thanks hi hello today yesterday already`
  .split(/\s+/)
  .filter(Boolean);

/** Support-desk vocabulary; order does not matter (shuffled into ranks below). */
const SUPPORT_WORDS = `account login password reset invoice payment refund order shipping delivery error page report
export import sync integration customer agent ticket issue problem question request update upgrade downgrade
subscription plan seat license billing charge card credit debit bank transfer receipt discount coupon price
quote contract renewal cancel cancellation trial tax vat currency statement balance overdue reminder
dashboard settings profile permission role admin administrator user team workspace organisation email inbox
notification alert message reply attachment file upload download document spreadsheet pdf csv image photo
screenshot link button menu form field dropdown checkbox filter search sort column row table chart graph
browser chrome firefox safari edge mobile app android iphone tablet laptop desktop windows mac linux
server database network connection timeout latency slow crash freeze bug glitch outage downtime maintenance
incident escalation priority urgent critical blocker workaround fix patch release version build deploy
rollback configuration setup install uninstall migration backup restore archive delete remove duplicate
missing broken wrong incorrect invalid failed failure denied expired locked blocked disabled enabled
verify verification code token session cookie cache certificate ssl domain dns redirect url api webhook
endpoint key secret oauth sso saml ldap directory provisioning onboarding offboarding training
documentation guide tutorial article knowledge base faq feedback feature suggestion roadmap beta preview
warehouse parcel package tracking carrier courier shipment dispatch customs address postcode label
return exchange replacement warranty damaged defective size colour model item product stock inventory
supplier vendor purchase checkout cart basket wishlist catalogue store shop marketplace
schedule calendar appointment booking reservation meeting call phone voicemail chat widget portal
survey rating satisfaction complaint compliment manager supervisor colleague department finance legal
security privacy gdpr consent audit log history activity record entry note comment mention assignment
queue sla deadline response resolution workflow automation rule trigger macro template signature
language translation timezone format date time hour minute week month quarter year weekend holiday
monday tuesday wednesday thursday friday morning afternoon evening night deadline asap soon later
confirm confirmed confirmation approve approved approval reject rejected pending processing complete
completed started stuck waiting resolved closed reopened assigned unassigned transferred forwarded
received sent bounced spam junk folder signature forwarding alias mailbox smtp imap outlook gmail
printer scanner monitor keyboard mouse headset router wifi vpn firewall proxy bandwidth storage quota
limit usage plan tier enterprise starter professional premium basic free paid annual monthly
customer's client clients users accounts orders invoices payments tickets reports files emails
working load loading saving sending syncing showing appearing displaying opening running starting
able unable cannot can't won't doesn't didn't isn't properly correctly anymore immediately manually
automatically randomly sometimes always never every several many few multiple single whole partial
new old first last next previous latest current same different other another own certain specific
great good bad fine terrible frustrating confusing helpful quick fast slower faster urgent important
help support assist check look investigate resolve solve understand explain clarify share send attach
provide add change edit modify move copy paste click select open close submit save refresh reload
restart retry try tried test tested see saw noticed happened happens started stopped keeps seems
appreciate apologies sorry unfortunately regards best kind sincerely cheers dear team
accessibility accrual acknowledgement activation adapter addendum adjustment affiliate aggregate allowance
amendment analytics announcement anomaly antivirus appliance arbitration attribution authenticator
autoresponder availability badge bandwidth barcode batch benchmark billing cycle blacklist bottleneck
breadcrumb broadband bundle caching callback captcha chargeback checksum cipher clearance clipboard cluster
collation commission compression concurrency connector consignment container credential cron dashboarding
deduplication deliverability dependency deprecation diagnostics digest discrepancy dispute dunning
encryption endpoint entitlement escrow eviction expiry failover fallback federation fingerprint firmware
footer fulfilment gateway geolocation handshake hardware header heartbeat hotfix hyperlink idempotency
indexing installment interoperability invoicing keystore kiosk latency leaderboard ledger lifecycle
localisation lockout logistics lookup manifest markup merchant metadata middleware milestone mismatch
multiline namespace netting newsletter normalisation notarisation obsolete onboard outbound overage
overcharge pagination pallet parser passkey payload payroll penalty persistence pipeline placeholder
plugin polling postmortem preorder prepayment prorated prorate provisioned purge quarantine
queueing ratelimit reactivation reconciliation redemption reimbursement relay remittance rendering
repository resend reseller retention retry revocation routing sandbox scalability scheduler schema
serialisation sharding shortcut sidebar sitemap snapshot spike staging statement storefront subdomain
subscriber surcharge suspension tally telemetry tenant thumbnail throttling timestamp toggle tooltip
topology traceback transcript truncated uptime validation variance vendor versioning viewport voucher
waitlist watermark whitelist wildcard wizard writeoff`
  .split(/\s+/)
  .filter(Boolean);

/** Collocations drawn as one vocabulary entry, so phrase searches have real phrases to find. */
const PHRASES = [
  "password reset",
  "credit card",
  "tracking number",
  "order number",
  "invoice number",
  "error message",
  "login page",
  "two factor authentication",
  "single sign on",
  "out of stock",
  "out of office",
  "purchase order",
  "billing address",
  "shipping address",
  "delivery date",
  "time zone",
  "api key",
  "access token",
  "user account",
  "admin panel",
  "mobile app",
  "customer portal",
  "help center",
  "support team",
  "account manager",
  "sales team",
  "free trial",
  "annual plan",
  "monthly plan",
  "payment method",
  "bank transfer",
  "refund request",
  "return label",
  "next business day",
  "as soon as possible",
  "thank you",
  "let me know",
  "any update",
  "still not working",
  "not working",
  "does not work",
  "page not found",
  "internal server error",
  "service unavailable",
  "connection refused",
  "request timed out",
  "access denied",
  "session expired",
  "email address",
  "phone number",
  "data export",
  "bulk import",
  "custom field",
  "status page",
  "release notes",
  "known issue",
  "root cause",
  "service level agreement",
  "terms of service",
  "privacy policy",
];

const FIRST_NAMES = `maria james anna david laura michael sofia daniel emma thomas olivia lucas chloe noah julia
samuel hannah peter sarah paul lena marco elena ivan yuki akira priya rahul fatima omar chen wei aisha
kwame ingrid lars sven katarina pablo lucia diego carmen hugo clara felix nina oscar rosa tariq leila`
  .split(/\s+/)
  .filter(Boolean);

/** A deterministic generator (mulberry32), so every bench run has the same vocabulary. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const rnd = prng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const PRODUCT_HEADS = `nova astra quanta luma orbi terra vela kyro pexa brio cora dyna flux helio iona juno mira omni
strato zeni`.split(/\s+/);
const PRODUCT_TAILS = "desk sync pay ship cloud hub link vault flow track mail scan dock point box".split(" ");
const MODEL_PREFIXES = "tx rx mx px gx zx kv hd lp qs".split(" ");

/** Product names (`novasync`), error codes (`e4127`), model numbers (`tx450`), small numbers. */
function generatedTerms(): { frequent: string[]; rare: string[] } {
  const products = PRODUCT_HEADS.flatMap((h) => PRODUCT_TAILS.map((t) => `${h}${t}`));
  const rnd = prng(8);
  const codes = new Set<string>();
  while (codes.size < 700) codes.add(`e${1000 + Math.floor(rnd() * 9000)}`);
  const models = new Set<string>();
  while (models.size < 400) {
    models.add(`${MODEL_PREFIXES[Math.floor(rnd() * MODEL_PREFIXES.length)]}${100 + Math.floor(rnd() * 900)}`);
  }
  const steps = [2, 3, 5, 10, 12, 15, 20, 24, 30, 45];
  const numbers = Array.from({ length: 60 }, (_, i) => String((steps[i % steps.length] ?? 1) * (1 + i)));
  const shuffledProducts = shuffled(products, 3);
  return {
    frequent: [...shuffledProducts.slice(0, 40), ...new Set(numbers)],
    rare: [...shuffledProducts.slice(40), ...codes, ...models],
  };
}

function buildVocabulary(): string[] {
  const generated = generatedTerms();
  const middle = shuffled([...new Set([...SUPPORT_WORDS, ...PHRASES, ...FIRST_NAMES, ...generated.frequent])], 1);
  const tail = shuffled(generated.rare, 2);
  const all = [...FUNCTION_WORDS, ...middle, ...tail];
  return all.filter((w, i) => all.indexOf(w) === i);
}

/** Every term, commonest first. Entries may hold several words (`password reset`). */
export const SEARCH_VOCABULARY: readonly string[] = buildVocabulary();
/** Ranks 1 … this are function words (subjects skip them). */
export const FUNCTION_WORD_COUNT = FUNCTION_WORDS.length;

/** Function words the English text-search configuration keeps (the rest are stop words). */
const KEPT_FUNCTION_WORDS = new Set(
  "please would could i'm us also still get one like need thanks hi hello today yesterday already".split(" "),
);

/**
 * The expected share of documents of `words` drawn words that contain the
 * entry at 1-based `rank` (`wordsSql` without `skipFunctionWords`).
 */
export function expectedDocumentShare(rank: number, words: number): number {
  const n = SEARCH_VOCABULARY.length;
  if (rank < 1 || rank > n) return 0;
  const perWord = Math.log((rank + 1) / rank) / Math.log(n + 1);
  return 1 - (1 - perWord) ** words;
}

export type Frequency = "common" | "medium" | "rare";

/** Expected share of 50-word descriptions a term of each band appears in. */
const BANDS: Record<Frequency, [number, number]> = {
  common: [0.08, 0.5],
  medium: [0.005, 0.02],
  rare: [0, 0.004],
};

/**
 * Searchable single words (letters only, no stop words) of a frequency band:
 * common ≈ 8–50 % of descriptions, medium ≈ 0.5–2 % (both commonest first),
 * rare < 0.4 % (rarest first).
 */
export function searchTerms(frequency: Frequency, count: number): string[] {
  const [lo, hi] = BANDS[frequency];
  const out: string[] = [];
  const ranked = [...SEARCH_VOCABULARY.entries()];
  // Rare terms from the rarest end, the others from the commonest.
  for (const [i, w] of frequency === "rare" ? ranked.reverse() : ranked) {
    if (out.length >= count) break;
    if (!/^[a-z]{4,}$/.test(w)) continue;
    if (i < FUNCTION_WORD_COUNT && !KEPT_FUNCTION_WORDS.has(w)) continue;
    const share = expectedDocumentShare(i + 1, 50);
    if (share >= lo && share <= hi) out.push(w);
  }
  return out;
}

/** Two-word collocations of the vocabulary (for phrase searches), commonest first. */
export function searchPhrases(count: number): string[] {
  return SEARCH_VOCABULARY.filter((w) => /^[a-z]+ [a-z]+$/.test(w)).slice(0, count);
}

/**
 * Every bench vocabulary entry fits `name` (63 bytes): a `name[]` array has
 * fixed-width elements, so picking element k is O(1); in a `text[]` PostgreSQL
 * walks k variable-length elements first (3× slower over a whole load).
 */
const VOCABULARY_SQL = `${sqlTextArray(SEARCH_VOCABULARY)}::name[]`;

/**
 * SQL for `count` vocabulary entries drawn Zipf-like, joined by spaces; `flatten`
 * (q) makes the head flatter: the commonest entry ≈ 9 % of draws at q = 0, ≈ 2 % at 10. `count`
 * must refer to a column of the current row: that makes the subquery correlated,
 * so PostgreSQL runs it per row (an uncorrelated one would run once and give
 * every row the same text). The vocabulary literal (~35 KB) is folded into one
 * constant when the statement is planned.
 */
export function wordsSql(count: string, o: { skipFunctionWords?: boolean; flatten?: number } = {}): string {
  const skip = o.skipFunctionWords ? FUNCTION_WORD_COUNT : 0;
  const m = SEARCH_VOCABULARY.length - skip;
  // Zipf–Mandelbrot: P(rank r) ∝ 1 / (r + q); q > 0 flattens the head (the commonest
  // words less dominant). x is log-uniform on [q + 1, m + q + 1), so floor(x) - q is 1 … m.
  const q = o.flatten ?? 0;
  const rank = `${skip - q} + floor(${q + 1} * power(${(m + q + 1) / (q + 1)}, random()))::int`;
  return `array_to_string(array(select (${VOCABULARY_SQL})[${rank}]::text from generate_series(1, ${count})), ' ')`;
}

/** `text` with its first letter upper-cased; `text` is evaluated twice, so pass a column. */
export function capitalizedSql(text: string): string {
  return `upper(left(${text}, 1)) || substr(${text}, 2)`;
}
