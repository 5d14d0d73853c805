/** The HTTP part of a bench run: a token, a server from the caller's factory, the load, then the server stops. */
import type { Helpdesk } from "../../create-helpdesk.js";
import type { BenchCast } from "../seed-people.js";
import type { BenchHttpServerFactory, HttpBenchDetails } from "../types.js";
import { measureHttp } from "./measure-http.js";
import { benchToken } from "./token.js";

export interface HttpRun {
  factory: BenchHttpServerFactory;
  databaseUrl: string | undefined;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  progress: (phase: string) => (done: number, total: number) => void;
  signal: AbortSignal | undefined;
  note: (line: string) => void;
}

export async function runHttpBench(
  desk: Helpdesk,
  cast: BenchCast,
  r: HttpRun,
): Promise<HttpBenchDetails & { sameProcess: boolean }> {
  // A plain agent (not the manager): the everyday caller of the queue.
  const agent = cast.agents[1] ?? cast.agents[0];
  if (!agent) throw new Error("the bench cast has no agents");
  const token = await benchToken(desk, agent);
  const server = await r.factory({ desk, databaseUrl: r.databaseUrl });
  r.note(`HTTP server: ${server.description} at ${server.baseUrl}`);
  try {
    const details = await measureHttp(
      server,
      cast,
      {
        token,
        connections: r.connections,
        seconds: r.seconds,
        warmupSeconds: r.warmupSeconds,
        progress: r.progress,
        signal: r.signal,
      },
      r.note,
    );
    return { ...details, sameProcess: server.sameProcess };
  } finally {
    await server.close();
  }
}
