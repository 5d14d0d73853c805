/**
 * Create throughput through the real path: `desk.tickets.create` writes the
 * ticket, its timeline and its outbox event in one transaction. `writers`
 * concurrent loops share one counter until `total` tickets exist.
 */
import { LEVELS } from "../../../common/enums.js";
import type { CreateTicketInput } from "../../core/tickets/index.js";
import type { Helpdesk } from "../create-helpdesk.js";
import { type BenchCast, customerEmail } from "./seed-people.js";
import { percentile, round } from "./stats.js";
import { TICKET_TEMPLATES } from "./ticket-templates.js";

/** 0 critical 5 %, 1 high 20 %, 2 medium 50 %, 3 low 25 % (the dataset's weights). */
function weightedPriorityIndex(i: number): 0 | 1 | 2 | 3 {
  const r = (i * 37) % 20;
  return r < 1 ? 0 : r < 5 ? 1 : r < 15 ? 2 : 3;
}

/** A varied, realistic request: mostly known customers, some new; some assigned or routed to a team. */
export function createInput(cast: BenchCast, i: number): CreateTicketInput {
  const tpl = TICKET_TEMPLATES[i % TICKET_TEMPLATES.length] ?? TICKET_TEMPLATES[0];
  const k = (i * 7919) % cast.customerCount;
  const input: CreateTicketInput = {
    subject: `${tpl?.subject ?? "Help"} (${i})`,
    description: tpl?.body ?? "",
    requester: i % 5 === 4 ? `new-customer-${i}@mail.example` : customerEmail(cast, k),
    category: tpl?.category,
    channel: i % 3 === 0 ? "portal" : "email",
  };
  // Half the requests say their priority; the rest are scored from the text.
  if (i % 2 === 0) input.priority = LEVELS[weightedPriorityIndex(i >> 1)];
  if (i % 10 < 3) input.assignee = cast.agents[i % cast.agents.length]?.email;
  else if (i % 10 < 5) input.team = cast.teams[i % cast.teams.length]?.name;
  return input;
}

export async function measureCreate(
  desk: Helpdesk,
  cast: BenchCast,
  o: { total: number; writers: number; tick: (done: number, total: number) => void; signal: AbortSignal | undefined },
) {
  let next = 0;
  let done = 0;
  const latencies: number[] = [];
  const writer = async () => {
    for (let i = next++; i < o.total; i = next++) {
      o.signal?.throwIfAborted();
      const started = performance.now();
      await desk.tickets.create(createInput(cast, i));
      latencies.push(performance.now() - started);
      o.tick(++done, o.total);
    }
  };
  o.tick(0, o.total);
  const started = performance.now();
  await Promise.all(Array.from({ length: o.writers }, writer));
  const seconds = (performance.now() - started) / 1000;
  return {
    perSecond: round(o.total / seconds, 1),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
  };
}
