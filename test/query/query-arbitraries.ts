/**
 * Random query-language strings over the whole field catalogue: every field
 * type, comparators, ranges, lists, `me`/`none`, relative dates, `sla:`,
 * `has:`/`is:`, custom fields, `#tag`, free words, prefixes and phrases,
 * combined with and/or/not/-/parentheses. Most are valid; some name things
 * that do not exist (and must fail the same way everywhere).
 */
import fc from "fast-check";
import { CHANNELS, LEVELS } from "../../src/lib/index.js";
import {
  AGENTS,
  CATEGORIES,
  COMPANIES,
  CUSTOMERS,
  DAY,
  GRADES,
  NOW,
  TAGS,
  TEAMS,
  TYPES,
  WORDS,
} from "./agreement-world.js";

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const quote = (s: string) => `"${s.replace(/["\\]/g, "\\$&")}"`;
/** A value as written: bare when it can be, else quoted. */
const written = (s: string) => (/^[\p{L}\p{N}_.@-]+$/u.test(s) ? s : quote(s));
const list = (value: fc.Arbitrary<string>, max = 3) =>
  fc.array(value, { minLength: 1, maxLength: max }).map((v) => v.join(", "));
const cmp = pick("", "", "< ", "<= ", "> ", ">= ", "= ");
const field = (names: string[], values: fc.Arbitrary<string>) =>
  fc.tuple(pick(...names), pick(": ", ":"), values).map(([n, sep, v]) => `${n}${sep}${v}`);

const casing = (s: string) => pick(s, s.toUpperCase(), s[0]?.toUpperCase() + s.slice(1));
const word = fc.constantFrom(...WORDS).chain(casing);

// Enums and ordered levels.
const status = field(
  ["status"],
  list(
    pick("open", "in_progress", "on_hold", "review", "pending_customer", "resolved", "closed", "cancelled", "active"),
  ),
);
const level = pick<string>(...LEVELS, "1", "2", "3", "4");
const levels = field(
  ["priority", "urgency", "importance"],
  fc.oneof(
    fc.tuple(cmp, level).map(([c, l]) => c + l),
    list(level),
    fc.tuple(level, level).map(([a, b]) => `${a} .. ${b}`),
  ),
);
const channel = field(["channel", "via", "source"], list(pick(...CHANNELS)));

// Free text fields.
const category = field(["category"], list(fc.oneof(pick(...CATEGORIES, "TECHNICAL", "none", "nothing").map(written))));
const type = field(["type"], list(pick(...TYPES, "INCIDENT", "other")));
const tagName = pick<string>(...TAGS, "VIP", "missing");
const tag = fc.oneof(
  field(["tag", "tags"], list(fc.oneof(tagName.map(written), pick("none")))),
  tagName.map((t) => `#${written(t)}`),
);
const subject = field(
  ["subject", "title"],
  fc.oneof(
    word,
    pick("pri", "er", "ss", "a"),
    fc.tuple(word, word).map(([a, b]) => quote(`${a} ${b}`)),
  ),
);

// People and groups by name, email, local part, domain, me, none.
const assignee = field(
  ["assignee", "assigned", "owner", "agent"],
  list(
    pick(
      ...AGENTS.map((a) => a.email),
      ...AGENTS.map((a) => quote(a.name)),
      "ana",
      "BRUNO",
      "me",
      "none",
      "unassigned",
      "nobody@helpline.test",
    ),
    2,
  ),
);
const team = field(["team", "group"], list(pick("Alpha", "beta", quote(TEAMS[1]), "none", "Gamma")));
const company = field(
  ["company", "org", "organization"],
  list(pick(...COMPANIES.map((c) => quote(c.name)), ...COMPANIES.map((c) => c.domain), "GLOBEX", "none", "Initech")),
);
/** Company tiers: case-insensitive, `none`, and tiers nobody has. */
const tier = field(
  ["tier", "plan", "PLAN"],
  list(pick("enterprise", "ENTERPRISE", "Gold", quote("gold"), "free", "none", "platinum")),
);
const requester = field(
  ["requester", "from", "customer", "reporter"],
  list(pick(...CUSTOMERS.map((c) => c.email), quote("Dora Acme"), "Gus", "none", "me", "zed@nowhere.test"), 2),
);

// Dates.
const day = fc.integer({ min: -80, max: 40 }).map((d) => new Date(NOW.getTime() + d * DAY).toISOString().slice(0, 10));
const instant = fc
  .tuple(day, fc.integer({ min: 0, max: 23 }), pick("", "Z", "+02:00", "-05:00", ":30"))
  .map(([d, h, z]) => `${d}T${String(h).padStart(2, "0")}:00${z}`);
const relative = pick(
  "today",
  "yesterday",
  "tomorrow",
  "this week",
  "last week",
  "next week",
  "this month",
  "last month",
  "this year",
  "last year",
  "last 7 days",
  "last 3 days",
  "last 24 hours",
  "next 3 days",
  "-48h",
  "-30m",
  "-2w",
  "+2h",
  "+1d",
);
const date = fc.oneof({ weight: 2, arbitrary: relative }, day, instant);
const dates = field(
  ["created", "opened", "updated", "modified", "resolved", "closed", "due"],
  fc.oneof(
    fc.tuple(cmp, date).map(([c, d]) => c + d),
    fc.tuple(date, date).map(([a, b]) => `${a} .. ${b}`),
  ),
);
const duration = pick("2h", "30m", "1d", "-1h", "-1d", "0", "4h", "1w", "-2w");
const sla = field(
  ["sla", "timeleft"],
  fc.oneof(
    fc.tuple(cmp, duration).map(([c, d]) => c + d),
    fc.tuple(duration, duration).map(([a, b]) => `${a} .. ${b}`),
  ),
);

// Numbers.
const ticketNo = fc.integer({ min: 998, max: 1065 });
const number = fc.oneof(
  field(
    ["number", "id", "ticket"],
    fc.oneof(
      fc.tuple(cmp, ticketNo).map(([c, n]) => `${c}${n}`),
      list(ticketNo.map((n) => (n % 2 ? `TKT-${n}` : String(n)))),
      fc.tuple(ticketNo, ticketNo).map(([a, b]) => `${a} .. ${b}`),
    ),
  ),
  ticketNo.map((n) => `TKT-${n}`),
);
const escalation = field(
  ["escalation", "level"],
  fc.oneof(
    fc.tuple(cmp, fc.integer({ min: 0, max: 3 })).map(([c, n]) => `${c}${n}`),
    list(fc.integer({ min: 0, max: 3 }).map(String)),
  ),
);
const flags = fc.oneof(
  field(["has"], list(pick("attachment", "assignee", "team", "company", "category", "tags", "requester", "tier"))),
  field(["is"], list(pick("active", "breached", "unassigned", "mine", "escalated", "resolved", "closed", "overdue"))),
);

// Custom fields by `cf.<key>`, key or label.
const cfText = field(
  ["cf.edition", "edition", "Edition"],
  list(pick("pro", "BASIC", quote("Enterprise plan"), "42", "true", "none")),
);
const cfNumber = field(
  ["cf.seats", "seats"],
  fc.oneof(
    fc.tuple(cmp, pick("0", "5", "10", "12.5", "-3", "1e1")).map(([c, n]) => c + n),
    pick("1 .. 10", "-5 .. 0", "none", "5, 12.5"),
  ),
);
const cfDate = field(
  ["cf.renewal", "renewal", quote("Renewal date")],
  fc.oneof(
    fc.tuple(cmp, fc.oneof(day, relative, pick("2026-03-05", "2026-02-01", "2026-04-15"))).map(([c, d]) => c + d),
    pick("none", "2026-02-01 .. 2026-03-11", "last month .. this month"),
  ),
);
const cfBool = field(["cf.vip", "vip", quote("VIP customer")], pick("true", "false", "yes", "no", "none"));
const cfSelect = field(["cf.grade", "grade"], list(pick(...GRADES.map((t) => t.toLowerCase()), "none", "GOLD")));

// Free text: words, prefixes, phrases.
const freeText = fc.oneof(
  { weight: 3, arbitrary: word },
  word.map((w) => `${w.slice(0, 1 + (w.length >> 1))}*`),
  fc.array(word, { minLength: 2, maxLength: 3 }).map((ws) => quote(ws.join(" "))),
  pick("zzz", quote("out of"), "OUT", "of*"),
);

export const atom: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: freeText },
  { weight: 2, arbitrary: status },
  { weight: 2, arbitrary: levels },
  { weight: 2, arbitrary: dates },
  channel,
  category,
  type,
  { weight: 2, arbitrary: tag },
  subject,
  { weight: 2, arbitrary: assignee },
  team,
  company,
  tier,
  requester,
  sla,
  number,
  escalation,
  { weight: 2, arbitrary: flags },
  cfText,
  cfNumber,
  cfDate,
  cfBool,
  cfSelect,
);

const { node } = fc.letrec<{ node: string; not: string; and: string; or: string; group: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 5, arbitrary: atom },
    tie("not"),
    tie("and"),
    tie("or"),
    tie("group"),
  ),
  not: fc.tuple(pick("-", "not ", "NOT "), tie("node")).map(([op, x]) => (op === "-" ? `-(${x})` : op + x)),
  and: fc.tuple(tie("node"), pick(" ", " and ", " AND "), tie("node")).map(([a, op, b]) => `${a}${op}${b}`),
  or: fc.tuple(tie("node"), pick(" or ", " OR "), tie("node")).map(([a, op, b]) => `${a}${op}${b}`),
  group: tie("node").map((x) => `(${x})`),
}));

const sortClause = fc.option(
  fc
    .tuple(
      pick("priority", "created", "updated", "due", "number", "status", "relevance", "urgency"),
      pick("", " asc", " desc"),
    )
    .map(([f, d]) => ` sort by: ${f}${d}`),
  { nil: "", freq: 4 },
);

/** A whole query: conditions, sometimes negated atoms at the top, sometimes a sort clause. */
export const queryString: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      node,
      atom.map((a) => `-${a}`),
    ),
    sortClause,
  )
  .map(([where, sort]) => where + sort);
