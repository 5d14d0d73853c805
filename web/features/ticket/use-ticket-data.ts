import { notifications } from "@mantine/notifications";
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import type { TicketSlaView } from "../../../common/api/sla.js";
import { ApiError, errorMessage, get } from "../../lib/api.js";
import { useTicketChanges } from "../../lib/live.js";
import { useAgentNames, useAgents, useCompanies, useTeams } from "../../lib/lookups.js";
import type { Customer, Ticket, TimelineEntry } from "../../lib/types.js";
import type { ValueNames } from "./event-text.js";

/**
 * The route gives a ref (TKT-1001) while live events carry the ticket id, so
 * the ticket and its timeline are keyed by ref (fetched in parallel, no
 * waterfall) and refreshed by a listener when a change for this id is heard.
 */
export const ticketKey = (ref: string) => ["ticket-ref", ref] as const;
export const timelineKey = (ref: string) => ["ticket-ref", ref, "timeline"] as const;
/** Under the LiveProvider's ["ticket", id] prefix: invalidated by live events directly. */
export const slaKey = (id: string) => ["ticket", id, "sla"] as const;

export const ticketPath = (ref: string) => `/api/v1/tickets/${encodeURIComponent(ref)}`;

export function useTicketData(ref: string) {
  const client = useQueryClient();
  const ticket = useQuery({ queryKey: ticketKey(ref), queryFn: () => get<Ticket>(ticketPath(ref)) });
  const timeline = useQuery({
    queryKey: timelineKey(ref),
    queryFn: () => get<{ items: TimelineEntry[] }>(`${ticketPath(ref)}/timeline`),
    select: (d) => d.items,
  });
  const id = ticket.data?.id;
  useTicketChanges((change) => {
    if (id && change.ticketId === id) client.invalidateQueries({ queryKey: ticketKey(ref) });
  });
  return { ticket, timeline };
}

export function useSlaClocks(ticketId: string) {
  return useQuery({
    queryKey: slaKey(ticketId),
    queryFn: () => get<TicketSlaView>(`/api/v1/tickets/${ticketId}/sla/clocks`),
    // Clocks start in the background after a change: poll soon while there are none, then slowly to correct drift.
    refetchInterval: (q) => (q.state.data?.clocks.length ? 30_000 : 5_000),
  });
}

/**
 * Runs a change to the ticket: the server's answer replaces the cached ticket;
 * a stale edit reloads; every failure shows the server's message.
 */
export function useTicketChange(ref: string) {
  const client = useQueryClient();
  return useCallback(
    async (what: string, change: () => Promise<Ticket>): Promise<boolean> => {
      try {
        const updated = await change();
        client.setQueryData(ticketKey(ref), updated);
        client.invalidateQueries({ queryKey: timelineKey(ref) });
        client.invalidateQueries({ queryKey: ["ticket", updated.id] });
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.code === "ticket.stale") {
          notifications.show({ color: "orange", title: "Changed by someone else — reloaded", message: err.message });
          client.invalidateQueries({ queryKey: ["ticket-ref", ref] });
        } else {
          notifications.show({ color: "red", title: `Could not change ${what}`, message: errorMessage(err) });
        }
        return false;
      }
    },
    [client, ref],
  );
}

/** Customer id → name (or email), for the requester and customer authors. */
export function useCustomerNames(ids: readonly string[]): (id: string | null) => string {
  const queries = useQueries({
    queries: ids.map((id) => ({
      queryKey: ["ticket-people", "customer", id],
      queryFn: () => get<Customer>(`/api/v1/customers/${encodeURIComponent(id)}`),
      staleTime: 5 * 60_000,
    })),
  });
  return (id) => {
    if (!id) return "Unknown customer";
    const c = queries[ids.indexOf(id)]?.data;
    return c ? c.name || c.email : "Customer";
  };
}

export interface PersonRef {
  type: string;
  id: string | null;
}

/** A name for any author or actor on this ticket. */
export function usePersonNames(ticket: Ticket | undefined, entries: TimelineEntry[] | undefined) {
  const agentName = useAgentNames();
  const customerIds = new Set<string>();
  if (ticket?.requesterId) customerIds.add(ticket.requesterId);
  for (const e of entries ?? []) if (e.author.type === "customer" && e.author.id) customerIds.add(e.author.id);
  const customerName = useCustomerNames([...customerIds].sort());
  return (p: PersonRef | null | undefined): string => {
    if (!p) return "Someone";
    if (p.type === "agent") return agentName(p.id);
    if (p.type === "customer") return customerName(p.id);
    return "System";
  };
}

export type NameOf = ReturnType<typeof usePersonNames>;

/** Names for the ids a change record carries (assignee, team, company); stable while the lists are. */
export function useValueNames(): ValueNames {
  const { data: agents } = useAgents();
  const { data: teams } = useTeams();
  const { data: companies } = useCompanies();
  return useMemo(
    () => ({
      agent: (id) => {
        const a = agents?.find((x) => x.id === id);
        return a ? a.name || a.email : "Unknown agent";
      },
      team: (id) => teams?.find((t) => t.id === id)?.name ?? "a team",
      company: (id) => companies?.find((c) => c.id === id)?.name ?? "a company",
    }),
    [agents, teams, companies],
  );
}
