/**
 * Autocomplete for the query bar: the parser's static suggestions (fields,
 * fixed values, date phrases, keywords) plus the workspace's own data for
 * names and free values: agents, teams, companies, customers, tags,
 * categories, types and company tiers. Each lookup is one indexed query of at most 10 rows.
 */
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Span } from "../../../common/query/ast.js";
import { type CompletionItem, completionContext } from "../../../common/query/complete.js";
import { isBareWord, quote } from "../../../common/query/print.js";
import { queryRows } from "../../db/rows.js";
import { authorize } from "../access/index.js";
import { type Ctx, parseInput } from "../kernel/index.js";
import { querySettings } from "../query/index.js";

export const completeQueryInput = z
  .object({
    text: z.string().max(10_000, "must be at most 10,000 characters"),
    /** Offset of the cursor in `text`; the end when omitted. */
    cursor: z.number().int().min(0).optional(),
  })
  .strict();

export interface Completion {
  replace: Span;
  kind: "field" | "value" | "keyword";
  /** The field whose value is being typed. */
  field?: string;
  items: CompletionItem[];
}

const LIMIT = 10;

function likePrefix(prefix: string): string {
  return `${prefix.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`;
}

async function dataItems(ctx: Ctx, field: string, prefix: string): Promise<CompletionItem[]> {
  const p = likePrefix(prefix);
  const ws = ctx.workspaceId;
  const rows = (query: SQL) => queryRows<{ label: string; value: string; detail: string | null }>(ctx.db, query);
  const asItems = (list: { label: string; value: string; detail: string | null }[]) =>
    list.map(
      (r): CompletionItem => ({
        label: r.label,
        insert: isBareWord(r.value) ? r.value : quote(r.value),
        kind: "value",
        ...(r.detail ? { detail: r.detail } : {}),
      }),
    );
  switch (field) {
    case "assignee":
      return asItems(
        await rows(sql`select name as label, email as value, email as detail from agents
          where workspace_id = ${ws} and active and (lower(name) like ${p} or lower(email) like ${p})
          order by name limit ${LIMIT}`),
      );
    case "team":
      return asItems(
        await rows(sql`select name as label, name as value, null as detail from teams
          where workspace_id = ${ws} and lower(name) like ${p} order by name limit ${LIMIT}`),
      );
    case "company":
      return asItems(
        await rows(sql`select name as label, name as value, domain as detail from companies
          where workspace_id = ${ws} and lower(name) like ${p} order by name limit ${LIMIT}`),
      );
    case "requester":
      if (prefix.length < 2) return [];
      return asItems(
        await rows(sql`select coalesce(name, email) as label, email as value, email as detail from customers
          where workspace_id = ${ws} and (lower(email) like ${p} or lower(name) like ${p})
          order by email limit ${LIMIT}`),
      );
    case "tier":
      return asItems(
        await rows(sql`select min(tier) as label, min(tier) as value, count(*) || ' companies' as detail from companies
          where workspace_id = ${ws} and tier is not null and lower(tier) like ${p}
          group by lower(tier) order by lower(tier) limit ${LIMIT}`),
      );
    case "tag":
    case "category":
    case "type":
      return asItems(
        await rows(sql`select value as label, value, null as detail from ticket_vocabulary
          where workspace_id = ${ws} and field = ${field} and lower(value) like ${p} order by value limit ${LIMIT}`),
      );
    default:
      return [];
  }
}

/** Suggestions at the cursor: what to type next, and which part of the text it replaces. */
export async function completeQuery(ctx: Ctx, rawInput: unknown): Promise<Completion> {
  const input = parseInput(completeQueryInput, rawInput);
  authorize(ctx.actor, "ticket:list");
  const settings = await querySettings(ctx.db, ctx.workspaceId);
  const cursor = Math.min(input.cursor ?? input.text.length, input.text.length);
  const c = completionContext(input.text, cursor, { customFields: settings.customFields });
  // Customers get the fixed suggestions only: the desk's people and tags are not theirs to browse.
  const fromData =
    c.kind === "value" && c.field && ctx.actor.type !== "customer" ? await dataItems(ctx, c.field.name, c.prefix) : [];
  const seen = new Set(fromData.map((i) => i.insert));
  const items = [...fromData, ...c.items.filter((i) => !seen.has(i.insert))];
  return { replace: c.replace, kind: c.kind, ...(c.field ? { field: c.field.name } : {}), items };
}
