import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, use, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { Presence, TicketChanged } from "./types.js";

/** A presence not heard again for this long is forgotten (agents re-announce every 15 s). */
export const PRESENCE_TTL_MS = 40_000;

type LiveListener = (event: TicketChanged) => void;

interface LiveHub {
  /** Agents on a ticket right now (not me), with their state. */
  presenceFor(ticketId: string): Presence[];
  subscribePresence(cb: () => void): () => void;
  onTicket(listener: LiveListener): () => void;
  /** Told the ticket id when another agent starts viewing a ticket (so those on it announce themselves). */
  onArrival(listener: (ticketId: string) => void): () => void;
  unread(): number;
  subscribeUnread(cb: () => void): () => void;
  connected(): boolean;
}

const LiveContext = createContext<LiveHub | null>(null);

function useHub(): LiveHub {
  const hub = use(LiveContext);
  if (!hub) throw new Error("live hooks outside LiveProvider");
  return hub;
}

/**
 * One Server-Sent Events connection per tab (/api/v1/stream): ticket changes
 * refresh what shows them (the ticket, lists, board, calendar), presence is kept
 * for the ticket page, the unread count for the bell. EventSource reconnects by
 * itself; after a reconnect everything is refetched (changes may have been missed).
 */
export function LiveProvider({ meId, children }: { meId: string; children: ReactNode }) {
  const client = useQueryClient();
  const presence = useRef(new Map<string, Presence>());
  const presenceSubs = useRef(new Set<() => void>());
  const ticketSubs = useRef(new Set<LiveListener>());
  const arrivalSubs = useRef(new Set<(ticketId: string) => void>());
  const unread = useRef(0);
  const unreadSubs = useRef(new Set<() => void>());
  const isConnected = useRef(false);
  const presenceVersion = useRef(0);
  const presenceCache = useRef(new Map<string, { version: number; list: Presence[] }>());

  useEffect(() => {
    const source = new EventSource("/api/v1/stream");
    let listsTimer: ReturnType<typeof setTimeout> | undefined;
    let everOpen = false;
    const bumpPresence = () => {
      presenceVersion.current++;
      for (const cb of presenceSubs.current) cb();
    };
    const refreshLists = () => {
      // Many changes at once (a bulk edit) refetch lists once.
      if (listsTimer) return;
      listsTimer = setTimeout(() => {
        listsTimer = undefined;
        for (const key of ["tickets", "board", "calendar", "views", "customer-tickets"]) {
          client.invalidateQueries({ queryKey: [key] });
        }
      }, 150);
    };
    source.addEventListener("open", () => {
      isConnected.current = true;
      if (everOpen) client.invalidateQueries();
      everOpen = true;
    });
    source.addEventListener("error", () => {
      isConnected.current = false;
    });
    source.addEventListener("ticket", (e) => {
      const change = JSON.parse((e as MessageEvent<string>).data) as TicketChanged;
      client.invalidateQueries({ queryKey: ["ticket", change.ticketId] });
      refreshLists();
      for (const l of ticketSubs.current) l(change);
    });
    source.addEventListener("presence", (e) => {
      const p = JSON.parse((e as MessageEvent<string>).data) as Presence;
      if (p.agent.id === meId) return;
      const key = `${p.ticketId}:${p.agent.id}`;
      const arrived = p.state !== "left" && !presence.current.has(key);
      if (p.state === "left") presence.current.delete(key);
      else presence.current.set(key, { ...p, at: new Date().toISOString() });
      if (arrived) for (const l of arrivalSubs.current) l(p.ticketId);
      bumpPresence();
    });
    const onUnread = (e: Event) => {
      unread.current = (JSON.parse((e as MessageEvent<string>).data) as { unreadCount: number }).unreadCount;
      for (const cb of unreadSubs.current) cb();
    };
    source.addEventListener("unread", onUnread);
    source.addEventListener("notification", () => client.invalidateQueries({ queryKey: ["notifications"] }));
    const sweep = setInterval(() => {
      const cutoff = Date.now() - PRESENCE_TTL_MS;
      let changed = false;
      for (const [k, p] of presence.current) {
        if (Date.parse(p.at) < cutoff) {
          presence.current.delete(k);
          changed = true;
        }
      }
      if (changed) bumpPresence();
    }, 5_000);
    return () => {
      source.close();
      clearInterval(sweep);
      if (listsTimer) clearTimeout(listsTimer);
    };
  }, [client, meId]);

  const hub = useMemo<LiveHub>(
    () => ({
      presenceFor(ticketId) {
        const cached = presenceCache.current.get(ticketId);
        if (cached && cached.version === presenceVersion.current) return cached.list;
        const list = [...presence.current.values()].filter((p) => p.ticketId === ticketId);
        presenceCache.current.set(ticketId, { version: presenceVersion.current, list });
        return list;
      },
      subscribePresence(cb) {
        presenceSubs.current.add(cb);
        return () => presenceSubs.current.delete(cb);
      },
      onTicket(listener) {
        ticketSubs.current.add(listener);
        return () => ticketSubs.current.delete(listener);
      },
      onArrival(listener) {
        arrivalSubs.current.add(listener);
        return () => arrivalSubs.current.delete(listener);
      },
      unread: () => unread.current,
      subscribeUnread(cb) {
        unreadSubs.current.add(cb);
        return () => unreadSubs.current.delete(cb);
      },
      connected: () => isConnected.current,
    }),
    [],
  );
  return <LiveContext value={hub}>{children}</LiveContext>;
}

/** Other agents viewing or typing on this ticket. */
export function usePresence(ticketId: string): Presence[] {
  const hub = useHub();
  return useSyncExternalStore(hub.subscribePresence, () => hub.presenceFor(ticketId));
}

/** The unread notification count, live. */
export function useUnreadCount(): number {
  const hub = useHub();
  return useSyncExternalStore(hub.subscribeUnread, hub.unread);
}

/** Called for every ticket change heard live (e.g. the ticket page's collision warning). */
export function useTicketChanges(listener: LiveListener): void {
  const hub = useHub();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => hub.onTicket((e) => ref.current(e)), [hub]);
}

/** Called with a ticket id when another agent starts viewing that ticket. */
export function usePresenceArrivals(listener: (ticketId: string) => void): void {
  const hub = useHub();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => hub.onArrival((id) => ref.current(id)), [hub]);
}
