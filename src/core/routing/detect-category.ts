import { findPhrase, phraseWords, tokenize } from "./text.js";

/**
 * Ticket categories: seed 004's four (billing, technical, account, general)
 * and seed 003's finer ones, each belonging to one of seed 004's four.
 */
export const CATEGORIES = [
  "billing",
  "technical",
  "account",
  "general",
  "feature_request",
  "bug_report",
  "payment",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Seed 004's categories: what its API reports. */
export const SEED_004_CATEGORIES = ["billing", "technical", "account", "general"] as const;
export type Seed004Category = (typeof SEED_004_CATEGORIES)[number];

/** Which of seed 004's four categories a category belongs to. */
export const CATEGORY_FAMILY: Readonly<Record<Category, Seed004Category>> = {
  billing: "billing",
  payment: "billing",
  technical: "technical",
  bug_report: "technical",
  account: "account",
  general: "general",
  feature_request: "general",
};

export function isCategory(s: string): s is Category {
  return (CATEGORIES as readonly string[]).includes(s);
}

/** The seed 004 family of any stored category; unknown or missing categories are "general". */
export function categoryFamily(category: string | null | undefined): Seed004Category {
  const c = category?.trim().toLowerCase();
  return c && isCategory(c) ? CATEGORY_FAMILY[c] : "general";
}

/** Every category of a family: "technical" → technical, bug_report. */
export function categoriesInFamily(family: Seed004Category): Category[] {
  return CATEGORIES.filter((c) => CATEGORY_FAMILY[c] === family);
}

/**
 * Weighted keywords per category (whole words; one-word keywords also match
 * their plural). General has none: it is what is left when nothing scores.
 * Negation is deliberately ignored here: "I did not receive my invoice" is
 * still about billing.
 */
const KEYWORDS: Readonly<Record<Exclude<Category, "general">, Record<string, number>>> = {
  billing: {
    billing: 3,
    bill: 2,
    invoice: 3,
    receipt: 2,
    refund: 3,
    charge: 2,
    charged: 3,
    overcharged: 3,
    "double charged": 3,
    subscription: 3,
    pricing: 2,
    price: 2,
    plan: 1,
    renewal: 2,
    discount: 2,
    coupon: 2,
    vat: 2,
    tax: 1,
    cost: 1,
    fee: 2,
    downgrade: 2,
    upgrade: 1,
  },
  payment: {
    payment: 3,
    "payment failed": 3,
    pay: 2,
    paid: 2,
    card: 2,
    "credit card": 2,
    declined: 3,
    transaction: 2,
    checkout: 3,
    paypal: 3,
    "bank transfer": 3,
    "wire transfer": 3,
  },
  technical: {
    error: 2,
    database: 2,
    server: 2,
    api: 2,
    outage: 2,
    down: 1,
    crash: 2,
    crashed: 2,
    crashes: 2,
    "not working": 2,
    timeout: 2,
    "timed out": 2,
    connection: 2,
    failed: 1,
    failing: 1,
    slow: 1,
    performance: 2,
    latency: 2,
    integration: 2,
    sync: 2,
    webhook: 2,
    ssl: 2,
    dns: 2,
    deploy: 2,
    deployment: 2,
    install: 2,
    installation: 2,
    configuration: 1,
    production: 1,
    app: 1,
    upload: 1,
    export: 1,
    import: 1,
    loading: 1,
    500: 2,
    404: 2,
  },
  bug_report: {
    bug: 3,
    "bug report": 3,
    glitch: 3,
    "steps to reproduce": 4,
    reproduce: 3,
    regression: 3,
    "unexpected behavior": 3,
    "unexpected behaviour": 3,
    "expected result": 3,
    "actual result": 3,
  },
  account: {
    account: 2,
    login: 2,
    "log in": 2,
    "sign in": 2,
    "logged out": 2,
    password: 3,
    "reset password": 3,
    "forgot password": 3,
    username: 2,
    profile: 2,
    "locked out": 3,
    locked: 1,
    "two factor": 3,
    "2fa": 3,
    mfa: 3,
    permissions: 2,
    access: 1,
    "sign up": 2,
    signup: 2,
    register: 2,
    verification: 2,
    "email address": 2,
    "delete my account": 3,
  },
  feature_request: {
    "feature request": 5,
    feature: 2,
    suggestion: 3,
    suggest: 2,
    "would be nice": 3,
    "nice to have": 3,
    "would be great": 3,
    "could you add": 3,
    "please add": 3,
    "add support": 3,
    enhancement: 3,
    roadmap: 2,
    wishlist: 3,
    idea: 2,
  },
};

/** A category needs this score to beat "general". */
const THRESHOLD = 2;

/** Ties go to the more specific category. */
const SPECIFICITY: readonly Exclude<Category, "general">[] = [
  "bug_report",
  "payment",
  "feature_request",
  "account",
  "billing",
  "technical",
];

const COMPILED = SPECIFICITY.map((category) => ({
  category,
  keywords: Object.entries(KEYWORDS[category]).map(([phrase, weight]) => ({
    phrase,
    weight,
    words: phraseWords(phrase),
  })),
}));

export interface CategoryGuess {
  category: Category;
  /** Seed 004's category for it. */
  family: Seed004Category;
  scores: Record<Exclude<Category, "general">, number>;
  /** The keywords that decided, per category. */
  matched: Partial<Record<Exclude<Category, "general">, string[]>>;
  /** The chosen category's keywords (none for general). */
  keywords: string[];
  /**
   * 0 … 1: the winner's share of all keyword weight, scaled down while the
   * winner has less than CONFIDENT_SCORE; general (no category reached the
   * threshold) is 0.5 when no keyword matched, less when some weak one did.
   */
  confidence: number;
}

/** A winning score this high (two strong keywords) counts as full evidence. */
const CONFIDENT_SCORE = 6;

function confidenceOf(category: Category, scores: CategoryGuess["scores"]): number {
  const values = Object.values(scores);
  const total = values.reduce((a, b) => a + b, 0);
  const round = (x: number) => Math.round(x * 100) / 100;
  if (category === "general") return round(0.5 * (1 - Math.max(0, ...values) / THRESHOLD));
  const best = scores[category];
  return round((best / total) * Math.min(1, best / CONFIDENT_SCORE));
}

/** Category detection by weighted keywords over the subject and message. */
export function detectCategory(text: string): CategoryGuess {
  const tokens = tokenize(text);
  const scores = Object.fromEntries(SPECIFICITY.map((c) => [c, 0])) as CategoryGuess["scores"];
  const matched: CategoryGuess["matched"] = {};
  for (const { category, keywords } of COMPILED) {
    for (const { phrase, weight, words } of keywords) {
      if (findPhrase(tokens, words, true).length === 0) continue;
      scores[category] += weight;
      matched[category] = [...(matched[category] ?? []), phrase];
    }
  }
  let best: Category = "general";
  let bestScore = THRESHOLD - 1;
  for (const c of SPECIFICITY) {
    if (scores[c] > bestScore) {
      best = c;
      bestScore = scores[c];
    }
  }
  const keywords = best === "general" ? [] : (matched[best] ?? []);
  return {
    category: best,
    family: CATEGORY_FAMILY[best],
    scores,
    matched,
    keywords,
    confidence: confidenceOf(best, scores),
  };
}
