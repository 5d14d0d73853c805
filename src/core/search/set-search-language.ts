import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows } from "../../db/rows.js";
import { workspaces } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, invalid, parseInput } from "../kernel/index.js";

export const searchLanguageInput = z
  .object({
    language: z
      .string()
      .trim()
      .toLowerCase()
      .min(1)
      .max(63)
      .regex(/^[a-z_]+$/, "letters and _ only"),
  })
  .strict();

/**
 * Sets the PostgreSQL text-search configuration of the workspace (`english`,
 * `simple`, `german`, …) and rebuilds every ticket's and entry's search vector
 * in it, in one transaction: searches never mix two languages. Superadmins only.
 * Returns how many tickets and entries were re-indexed.
 */
export async function setSearchLanguage(
  ctx: Ctx,
  rawInput: unknown,
): Promise<{ language: string; tickets: number; entries: number }> {
  authorize(ctx.actor, "settings:manage");
  const { language } = parseInput(searchLanguageInput, rawInput);
  const known = await queryRows<{ cfgname: string }>(ctx.db, sql`select cfgname from pg_ts_config order by cfgname`);
  if (!known.some((k) => k.cfgname === language)) {
    throw invalid(
      "search.unknown_language",
      `"${language}" is not a text-search language of this database; use one of ${known.map((k) => k.cfgname).join(", ")}.`,
      "language",
    );
  }
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ language: workspaces.searchLanguage })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId))
      .for("update");
    await tx
      .update(workspaces)
      .set({ searchLanguage: language, updatedAt: ctx.clock.now() })
      .where(eq(workspaces.id, ctx.workspaceId));
    const cfg = sql`${language}::regconfig`;
    const t = await queryRows<{ n: number }>(
      tx,
      sql`with u as (update tickets set search = setweight(to_tsvector(${cfg}, subject), 'A')
          || setweight(to_tsvector(${cfg}, left(description, 100000)), 'B')
        where workspace_id = ${ctx.workspaceId} returning 1) select count(*)::int as n from u`,
    );
    const e = await queryRows<{ n: number }>(
      tx,
      sql`with u as (update timeline_entries set search = to_tsvector(${cfg}, left(body, 100000))
        where workspace_id = ${ctx.workspaceId} and kind in ('message', 'note') and body <> '' returning 1)
        select count(*)::int as n from u`,
    );
    await recordAudit(tx, ctx, {
      action: "workspace.search_language_changed",
      target: { type: "workspace", id: ctx.workspaceId },
      details: { changes: { searchLanguage: { from: before?.language ?? null, to: language } } },
    });
    return { language, tickets: t[0]?.n ?? 0, entries: e[0]?.n ?? 0 };
  });
}
