import type { Db, Tx } from "../../db/connection.js";
import type { Actor } from "./actor.js";
import type { Clock } from "./clock.js";

/** What every command receives: who acts, in which workspace, on which database, at what time. */
export interface Ctx {
  actor: Actor;
  workspaceId: string;
  db: Db;
  clock: Clock;
}

/** Runs `fn` in one transaction: state, timeline and outbox commit together or not at all. */
export function withTransaction<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn(tx));
}
