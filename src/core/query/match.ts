/**
 * The in-memory back end: evaluates a bound predicate against one ticket,
 * for automation conditions and live-update filtering. It agrees with the SQL
 * compiler (a property test checks it); free text follows PostgreSQL's
 * `simple` configuration: lower-cased words, no stemming.
 *
 * Known difference: PostgreSQL's parser keeps emails, host names, URLs, paths
 * and decimals as single words (`ana@example.com` is one word there), while
 * this matcher splits on every non-letter, so `ana` matches here and not in
 * SQL. Conditions on plain words agree exactly.
 */
import type { Ticket } from "../tickets/index.js";
import { foldCase, type Predicate, type TextMatch } from "./bound.js";

/** The ticket fields a predicate can look at. */
export interface MatchRecord {
  status: string;
  urgency: string;
  importance: string;
  channel: string;
  category: string | null;
  type: string;
  tags: readonly string[];
  priority: number;
  number: number;
  escalationLevel: number;
  attachmentCount: number;
  assigneeId: string | null;
  teamId: string | null;
  companyId: string | null;
  requesterId: string | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  slaDueAt: Date;
  subject: string;
  customFields: Record<string, unknown>;
  /**
   * Searchable texts the actor may see: subject and description as the first
   * text, then each visible timeline entry. Without them, text never matches.
   */
  texts?: readonly string[];
}

/** A ticket as a match record; `texts` defaults to its subject and description. */
export function matchRecordOf(ticket: Ticket, entryTexts: readonly string[] = []): MatchRecord {
  return {
    ...ticket,
    number: Number(ticket.number.slice(ticket.number.lastIndexOf("-") + 1)),
    priority: ticket.priorityNumber,
    texts: [`${ticket.subject} ${ticket.description}`, ...entryTexts],
  };
}

const tokens = (text: string) =>
  foldCase(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

function textMatches(match: TextMatch, texts: readonly string[]): boolean {
  const wanted = match.words.flatMap(tokens);
  if (wanted.length === 0) return true;
  return texts.some((text) => {
    const have = tokens(text);
    if (match.phrase) {
      for (let i = 0; i + wanted.length <= have.length; i++) {
        if (wanted.every((w, j) => have[i + j] === w)) return true;
      }
      return false;
    }
    if (match.prefix) {
      const stem = wanted.join("");
      return have.some((h) => h.startsWith(stem));
    }
    return wanted.every((w) => have.includes(w));
  });
}

function cfScalar(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function compare(a: number, op: string, b: number): boolean {
  switch (op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    default:
      return a === b;
  }
}

function inRange(d: Date | null, from: Date | null, to: Date | null): boolean {
  if (!d) return false;
  const t = d.getTime();
  return (!from || t >= from.getTime()) && (!to || t < to.getTime());
}

export function matches(x: Predicate, r: MatchRecord): boolean {
  switch (x.p) {
    case "true":
      return true;
    case "false":
      return false;
    case "and":
      return x.all.every((y) => matches(y, r));
    case "or":
      return x.any.some((y) => matches(y, r));
    case "not":
      return !matches(x.x, r);
    case "in": {
      const v = r[x.column];
      if (v === null) return false;
      return x.column === "category" || x.column === "type" ? x.values.includes(foldCase(v)) : x.values.includes(v);
    }
    case "id-in": {
      const v = r[x.column];
      return v !== null && x.ids.includes(v);
    }
    case "missing":
      return r[x.column] === null;
    case "num":
      return compare(r[x.column], x.op, x.value);
    case "date":
      return inRange(r[x.column], x.from, x.to);
    case "tags-any":
      return r.tags.some((t) => x.tags.includes(t));
    case "tags-none":
      return r.tags.length === 0;
    case "subject-contains":
      return foldCase(r.subject).includes(x.text);
    case "text":
      return textMatches(x.match, r.texts ?? []);
    case "cf-in": {
      const v = cfScalar(r.customFields[x.key]);
      return v !== null && x.values.includes(foldCase(v));
    }
    case "cf-num": {
      const v = r.customFields[x.key];
      return typeof v === "number" && compare(v, x.op, x.value);
    }
    case "cf-day": {
      const v = r.customFields[x.key];
      if (typeof v !== "string") return false;
      const day = v.slice(0, 10);
      return (!x.from || day >= x.from) && (!x.to || day < x.to);
    }
    case "cf-bool":
      return r.customFields[x.key] === x.value;
    case "cf-missing":
      return cfScalar(r.customFields[x.key]) === null;
  }
}
