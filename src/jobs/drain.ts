import { sql } from "drizzle-orm";
import { listensTo } from "../core/kernel/index.js";
import { queryRows } from "../db/rows.js";
import { deliverEvent } from "./deliver-event.js";
import type { JobDeps } from "./deps.js";

/**
 * Delivers, in this process and in commit order, every event of a workspace
 * that a registered listener has not handled yet; repeats until none is left
 * (listeners may record new events). Used by `desk.runPending()` so scripts
 * and tests with an injected clock see automation and SLA effects without a
 * running worker. Receipts make it safe next to a worker: nothing runs twice.
 * Returns how many deliveries ran.
 */
export async function drainEvents(
  deps: JobDeps,
  workspaceId: string,
  /** Deliveries that failed (listener:event): skipped, and added to. Share it across calls to try each once. */
  failed = new Set<string>(),
  maxRounds = 20,
): Promise<number> {
  let delivered = 0;
  for (let round = 0; round < maxRounds; round++) {
    let progressed = false;
    for (const listener of deps.listeners()) {
      const types = listener.events === "*" ? null : [...listener.events];
      const rows = await queryRows<{ id: string; type: string }>(
        deps.database.db,
        sql`select e.id::text as id, e.type from outbox_events e
             where e.workspace_id = ${workspaceId}
               ${
                 types
                   ? sql`and e.type in (${sql.join(
                       types.map((t) => sql`${t}`),
                       sql`, `,
                     )})`
                   : sql``
               }
               and not exists (select 1 from listener_receipts r where r.listener = ${listener.name} and r.event_id = e.id)
             order by e.seq limit 1000`,
      );
      for (const row of rows) {
        if (!listensTo(listener, row.type) || failed.has(`${listener.name}:${row.id}`)) continue;
        try {
          await deliverEvent(deps, { eventId: row.id, listener: listener.name });
          delivered++;
          progressed = true;
        } catch (err) {
          // Left for the worker, which retries with backoff; the rest of the drain goes on.
          failed.add(`${listener.name}:${row.id}`);
          deps.log("delivery failed; the worker will retry it", {
            listener: listener.name,
            event: row.id,
            error: (err as Error).message,
          });
        }
      }
    }
    if (!progressed) break;
  }
  return delivered;
}
