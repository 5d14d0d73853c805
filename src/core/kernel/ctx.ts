import type { Db, Tx } from "../../db/connection.js";
import type { Actor } from "./actor.js";
import type { Clock } from "./clock.js";

/** Where a request came from, recorded in the audit log; adapters fill it in. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

/** What every command receives: who acts, in which workspace, on which database, at what time. */
export interface Ctx {
  actor: Actor;
  workspaceId: string;
  db: Db;
  clock: Clock;
  /** The caller's address and user agent, when an adapter knows them. */
  client?: ClientInfo;
}

/** Runs `fn` in one transaction: state, timeline and outbox commit together or not at all. */
export function withTransaction<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn(tx));
}
