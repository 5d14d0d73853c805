import { and, eq, or, sql } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { agents } from "../../db/schema/index.js";

/** `@alice`, `@alice@example.com` (not inside an email address or a word). */
const MENTION = /(^|[^\w.@+-])@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)/g;

/** The names mentioned in a text, lower-cased, each once, trailing punctuation dropped. */
export function mentionTokens(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(MENTION)) {
    const token = (m[2] ?? "").replace(/[.\-+]+$/, "").toLowerCase();
    if (token) out.add(token);
  }
  return [...out];
}

export interface MentionedAgent {
  id: string;
  email: string;
  name: string;
}

/**
 * The active agents a text mentions: `@alice@example.com` names an agent by
 * email; `@alice` one whose email local part, or name without spaces, is
 * `alice` (case-insensitive).
 */
export async function mentionedAgents(tx: Tx, workspaceId: string, text: string): Promise<MentionedAgent[]> {
  const tokens = mentionTokens(text);
  if (tokens.length === 0) return [];
  const list = sql.join(
    tokens.map((t) => sql`${t}`),
    sql`, `,
  );
  return tx
    .select({ id: agents.id, email: agents.email, name: agents.name })
    .from(agents)
    .where(
      and(
        eq(agents.workspaceId, workspaceId),
        eq(agents.active, true),
        or(
          sql`lower(${agents.email}) in (${list})`,
          sql`split_part(lower(${agents.email}), '@', 1) in (${list})`,
          sql`lower(replace(${agents.name}, ' ', '')) in (${list})`,
        ),
      ),
    );
}
