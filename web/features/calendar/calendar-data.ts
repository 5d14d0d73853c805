import { notifications } from "@mantine/notifications";
import { keepPreviousData, type QueryKey, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TicketStatus } from "../../../common/enums.js";
import { errorMessage, get, patch, qs } from "../../lib/api.js";
import type { Ticket } from "../../lib/types.js";
import { type DayKey, dayKey } from "./calendar-dates.js";

export interface DueTickets {
  items: Ticket[];
  truncated: boolean;
}

/** A ticket as the calendar places it: on its own due date, else on its SLA deadline. */
export interface CalendarEntry {
  ticket: Ticket;
  kind: "due" | "sla";
  at: string;
  day: DayKey;
  overdue: boolean;
  /** Only agent-set due dates move, and only while the ticket can still change. */
  movable: boolean;
}

const DONE: readonly TicketStatus[] = ["resolved", "closed", "cancelled"];
const FINAL: readonly TicketStatus[] = ["closed", "cancelled"];

export const isDone = (t: Ticket) => DONE.includes(t.status);

export function toEntry(ticket: Ticket, now: number): CalendarEntry {
  const at = ticket.dueAt ?? ticket.slaDueAt;
  return {
    ticket,
    kind: ticket.dueAt ? "due" : "sla",
    at,
    day: dayKey(at),
    overdue: !isDone(ticket) && Date.parse(at) < now,
    movable: Boolean(ticket.dueAt) && ticket.can.update === true && !FINAL.includes(ticket.status),
  };
}

/** Entries per day, each day earliest first. */
export function byDay(items: Ticket[], now: number): Map<DayKey, CalendarEntry[]> {
  const out = new Map<DayKey, CalendarEntry[]>();
  for (const t of items) {
    const e = toEntry(t, now);
    const list = out.get(e.day);
    if (list) list.push(e);
    else out.set(e.day, [e]);
  }
  for (const list of out.values()) list.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return out;
}

export const calendarKey = (from: string, to: string, mine: boolean): QueryKey => ["calendar", { from, to, mine }];

export function useCalendarTickets(from: string, to: string, mine: boolean) {
  return useQuery({
    queryKey: calendarKey(from, to, mine),
    queryFn: ({ signal }) =>
      get<DueTickets>(`/api/v1/calendar/tickets${qs({ from, to, assignee: mine ? "me" : undefined })}`, { signal }),
    // While the next month loads, the days both periods share keep their tickets.
    placeholderData: keepPreviousData,
  });
}

export interface DueChange {
  ticket: Ticket;
  dueAt: string | null;
}

const describe = (c: DueChange) => (c.dueAt === null ? "clear the due date of" : "move");

/**
 * Sets or clears a due date. The chip moves at once (every cached calendar
 * range); if the server refuses, it snaps back and the server's reason shows.
 */
export function useSetDue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (c: DueChange) =>
      patch<Ticket>(`/api/v1/tickets/${encodeURIComponent(c.ticket.number)}`, { dueAt: c.dueAt }),
    onMutate: async (c) => {
      await client.cancelQueries({ queryKey: ["calendar"] });
      const before = client.getQueriesData<DueTickets>({ queryKey: ["calendar"] });
      client.setQueriesData<DueTickets>({ queryKey: ["calendar"] }, (data) =>
        data ? { ...data, items: data.items.map((t) => (t.id === c.ticket.id ? { ...t, dueAt: c.dueAt } : t)) } : data,
      );
      return { before };
    },
    onError: (err, c, context) => {
      for (const [key, data] of context?.before ?? []) client.setQueryData(key, data);
      notifications.show({
        color: "red",
        title: `Could not ${describe(c)} ${c.ticket.number}`,
        message: errorMessage(err),
        autoClose: 10_000,
      });
    },
    onSettled: (_data, _err, c) => {
      client.invalidateQueries({ queryKey: ["calendar"] });
      // The ticket page may be cached under its id or its number.
      client.invalidateQueries({ queryKey: ["ticket", c.ticket.id] });
      client.invalidateQueries({ queryKey: ["ticket", c.ticket.number] });
    },
  });
}
