import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "../../db/rows.js";
import { authorize } from "../access/index.js";
import { type Ctx, parseInput } from "../kernel/index.js";

export const searchPeopleInput = z
  .object({
    q: z.string().trim().min(1, "must not be empty").max(320),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .strict();

export interface PersonHit {
  kind: "customer" | "company";
  id: string;
  name: string | null;
  /** Email for customers, domain for companies. */
  detail: string | null;
  /** Trigram similarity 0–1 (1 for an exact or prefix match). */
  score: number;
}

/**
 * Customers and companies by name, email or domain, forgiving typos
 * (`jonh@acme.co` finds john@acme.com) through pg_trgm indexes.
 */
export async function searchPeople(ctx: Ctx, rawInput: unknown): Promise<PersonHit[]> {
  const input = parseInput(searchPeopleInput, rawInput);
  authorize(ctx.actor, "people:read");
  const q = input.q.toLowerCase();
  const prefix = `${q.replace(/[\\%_]/g, "\\$&")}%`;
  const rows = await queryRows<PersonHit>(
    ctx.db,
    sql`(select 'customer' as kind, id, name, email as detail,
        greatest(word_similarity(${q}, lower(email)), word_similarity(${q}, lower(coalesce(name, ''))),
          case when lower(email) like ${prefix} or lower(name) like ${prefix} then 1 else 0 end)::float8 as score
      from customers where workspace_id = ${ctx.workspaceId}
        and (${q} <% lower(email) or ${q} <% lower(name) or lower(email) like ${prefix} or lower(name) like ${prefix})
      order by score desc limit ${input.limit})
      union all
      (select 'company', id, name, domain,
        greatest(word_similarity(${q}, lower(name)), case when lower(name) like ${prefix} then 1 else 0 end)::float8
      from companies where workspace_id = ${ctx.workspaceId} and (${q} <% lower(name) or lower(name) like ${prefix})
      order by 5 desc limit ${input.limit})
      order by score desc, name limit ${input.limit}`,
  );
  return rows.map((r) => ({ ...r, score: Math.round(Number(r.score) * 1000) / 1000 }));
}
