import { useCallback, useMemo, useRef, useState } from "react";
import type { Ticket } from "../../lib/types.js";

/**
 * Selected tickets by id, so a live refetch that reorders the rows keeps them.
 * A selected ticket that drops out of the list (someone changed it) stays
 * selected as last seen: the agent chose it, and the server judges the change.
 * Shift-click ranges are measured in the rows as currently shown.
 */
export function useSelection(rows: readonly Ticket[]) {
  const [picked, setPicked] = useState<ReadonlyMap<string, Ticket>>(() => new Map());
  const anchor = useRef<string | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const toggle = useCallback((id: string, range = false) => {
    setPicked((prev) => {
      const next = new Map(prev);
      const list = rowsRef.current;
      const from = anchor.current ? list.findIndex((t) => t.id === anchor.current) : -1;
      const to = list.findIndex((t) => t.id === id);
      const target = list[to];
      if (range && from !== -1 && target) {
        // A range takes the state the clicked row is switching to, like a file manager.
        const on = !prev.has(id);
        const [lo, hi] = from < to ? [from, to] : [to, from];
        for (const t of list.slice(lo, hi + 1)) {
          if (on) next.set(t.id, t);
          else next.delete(t.id);
        }
      } else if (next.has(id)) next.delete(id);
      else if (target) next.set(id, target);
      return next;
    });
    anchor.current = id;
  }, []);

  const setAll = useCallback((on: boolean) => {
    setPicked(on ? new Map(rowsRef.current.map((t) => [t.id, t])) : new Map());
    anchor.current = null;
  }, []);

  const keepOnly = useCallback(
    (keep: (t: Ticket) => boolean) => setPicked((prev) => new Map([...prev].filter(([, t]) => keep(t)))),
    [],
  );

  /** The selected tickets, each as fresh as the rows on screen allow. */
  const tickets = useMemo(() => {
    const fresh = new Map(rows.map((t) => [t.id, t]));
    return [...picked.values()].map((t) => fresh.get(t.id) ?? t);
  }, [rows, picked]);

  const ids = useMemo(() => new Set(picked.keys()), [picked]);
  return { selected: ids, tickets, toggle, setAll, keepOnly };
}
