import { EventEmitter } from "node:events";
import type { RealtimeBus } from "../../core/notifications/index.js";

/** A realtime bus that can be closed (the desk closes the one it made). */
export interface ClosableBus extends RealtimeBus {
  close(): Promise<void>;
}

/**
 * The realtime bus of one process (the embedded database is one process): an
 * EventEmitter. Messages are copied through JSON, as they would be on the
 * PostgreSQL bus, so a subscriber never shares an object with the publisher.
 */
export function inProcessBus(): ClosableBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let closed = false;
  return {
    async publish(channel, message) {
      if (closed) return;
      const text = JSON.stringify(message);
      emitter.emit(channel, text);
    },
    async subscribe(channel, onMessage) {
      const handler = (text: string) => {
        try {
          onMessage(JSON.parse(text) as Record<string, unknown>);
        } catch {
          // A subscriber's failure is its own; the publisher and the other subscribers go on.
        }
      };
      emitter.on(channel, handler);
      return async () => {
        emitter.off(channel, handler);
      };
    },
    async close() {
      closed = true;
      emitter.removeAllListeners();
    },
  };
}
