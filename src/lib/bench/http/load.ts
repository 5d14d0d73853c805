/**
 * Closed-loop load: `connections` callers, each sending its next request as
 * soon as the previous answer has arrived, for a warm-up then a measured
 * window. Latencies and statuses come from the measured window only.
 */
import type { HttpReply } from "./client.js";

export interface LoadOptions {
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Sends request number `i` (numbers keep growing across warm-up and measurement). */
  send(i: number): Promise<HttpReply>;
  /** Label of request `i`, to split latencies by kind (filters, pages). */
  kindOf?(i: number): string;
  signal?: AbortSignal | undefined;
  /** Measured seconds elapsed, for a progress bar. */
  tick?(done: number, total: number): void;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  latencies: number[];
  byKind: Map<string, number[]>;
  /** Answers outside 2xx, by status; status 0 is a transport error. */
  failures: Record<string, number>;
  /** The first failing answer, cut short, for the notes. */
  firstFailure?: string;
}

async function loop(
  o: LoadOptions,
  next: () => number,
  until: number,
  record: ((i: number, reply: HttpReply) => void) | undefined,
): Promise<void> {
  while (performance.now() < until) {
    o.signal?.throwIfAborted();
    const i = next();
    let reply: HttpReply;
    try {
      reply = await o.send(i);
    } catch (err) {
      reply = { status: 0, body: (err as Error).message, ms: 0 };
    }
    record?.(i, reply);
  }
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  let counter = 0;
  const next = () => counter++;
  const callers = (until: number, record?: (i: number, reply: HttpReply) => void) =>
    Promise.all(Array.from({ length: o.connections }, () => loop(o, next, until, record)));

  if (o.warmupMs > 0) await callers(performance.now() + o.warmupMs);

  const result: LoadResult = { requests: 0, seconds: 0, latencies: [], byKind: new Map(), failures: {} };
  const started = performance.now();
  const totalSeconds = Math.ceil(o.durationMs / 1000);
  let lastTick = -1;
  const record = (i: number, reply: HttpReply) => {
    result.requests++;
    if (reply.status < 200 || reply.status > 299) {
      result.failures[reply.status] = (result.failures[reply.status] ?? 0) + 1;
      result.firstFailure ??= `${reply.status} ${reply.body.slice(0, 300)}`;
      return;
    }
    result.latencies.push(reply.ms);
    const kind = o.kindOf?.(i);
    if (kind !== undefined) {
      const list = result.byKind.get(kind);
      if (list) list.push(reply.ms);
      else result.byKind.set(kind, [reply.ms]);
    }
    const second = Math.floor((performance.now() - started) / 1000);
    if (second !== lastTick) {
      lastTick = second;
      o.tick?.(Math.min(second, totalSeconds), totalSeconds);
    }
  };
  o.tick?.(0, totalSeconds);
  await callers(started + o.durationMs, record);
  result.seconds = (performance.now() - started) / 1000;
  o.tick?.(totalSeconds, totalSeconds);
  return result;
}
