import { EventEmitter } from "node:events";
import pg from "pg";
import type { ClosableBus } from "./in-process-bus.js";

export interface PostgresBusOptions {
  /** The PostgreSQL channel every message travels on (default `helpline_realtime`). */
  channel?: string;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** First reconnect delay in ms (doubles up to 30 s). Default 500. */
  reconnectMs?: number;
}

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7999;

/**
 * The realtime bus across processes (web server, workers) on PostgreSQL: one
 * dedicated connection LISTENs on one channel; publish is
 * `select pg_notify(channel, json)` with the bus channel inside the payload,
 * and each process hands messages to its own subscribers. The connection is
 * opened on first use and reopened (with backoff) after an error while anyone
 * is subscribed. Best effort: messages published while it is down are lost.
 */
export function postgresBus(url: string, opts: PostgresBusOptions = {}): ClosableBus {
  const pgChannel = opts.channel ?? "helpline_realtime";
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(pgChannel)) throw new Error(`not a usable channel name: ${pgChannel}`);
  const log = opts.log ?? (() => undefined);
  const local = new EventEmitter();
  local.setMaxListeners(0);
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let delay = opts.reconnectMs ?? 500;

  function deliver(payload: string | undefined): void {
    if (!payload) return;
    let parsed: { c?: unknown; m?: unknown };
    try {
      parsed = JSON.parse(payload) as { c?: unknown; m?: unknown };
    } catch {
      return;
    }
    if (typeof parsed.c === "string" && parsed.m && typeof parsed.m === "object") local.emit(parsed.c, parsed.m);
  }

  function lost(c: pg.Client, err?: Error): void {
    if (client !== c) return;
    client = null;
    c.removeAllListeners("notification");
    c.end().catch(() => undefined);
    if (closed) return;
    log("realtime connection lost; reconnecting", { error: err?.message ?? "connection ended" });
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (closed || timer || local.eventNames().length === 0) return;
    timer = setTimeout(() => {
      timer = null;
      connect().catch((err: Error) => {
        log("realtime reconnect failed", { error: err.message });
        delay = Math.min(delay * 2, 30_000);
        scheduleReconnect();
      });
    }, delay);
    timer.unref();
  }

  function connect(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    if (connecting) return connecting;
    if (closed) return Promise.reject(new Error("the realtime bus is closed"));
    const c = new pg.Client({ connectionString: url, application_name: "helpline realtime" });
    c.on("notification", (msg) => {
      if (msg.channel === pgChannel) deliver(msg.payload);
    });
    c.on("error", (err) => lost(c, err));
    c.on("end", () => lost(c));
    connecting = (async () => {
      try {
        await c.connect();
        await c.query(`listen ${pgChannel}`);
        if (closed) {
          await c.end().catch(() => undefined);
          throw new Error("the realtime bus is closed");
        }
        client = c;
        delay = opts.reconnectMs ?? 500;
        return c;
      } catch (err) {
        c.removeAllListeners();
        c.on("error", () => undefined);
        await c.end().catch(() => undefined);
        throw err;
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  }

  return {
    async publish(channel, message) {
      if (closed) return;
      const payload = JSON.stringify({ c: channel, m: message });
      const bytes = Buffer.byteLength(payload);
      if (bytes > MAX_PAYLOAD_BYTES) {
        throw new Error(
          `realtime message of ${bytes} bytes is over PostgreSQL's NOTIFY limit: send ids, not documents`,
        );
      }
      const c = await connect();
      await c.query("select pg_notify($1, $2)", [pgChannel, payload]);
    },
    async subscribe(channel, onMessage) {
      const handler = (m: Record<string, unknown>) => {
        try {
          onMessage(m);
        } catch {
          // A subscriber's failure is its own.
        }
      };
      local.on(channel, handler);
      try {
        await connect();
      } catch (err) {
        local.off(channel, handler);
        throw err;
      }
      return async () => {
        local.off(channel, handler);
      };
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      local.removeAllListeners();
      const c = client ?? (connecting ? await connecting.catch(() => null) : null);
      client = null;
      if (c) {
        c.removeAllListeners("end");
        await c.end().catch(() => undefined);
      }
    },
  };
}
