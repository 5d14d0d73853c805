import { useInfiniteQuery, useQueries, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { personHitView } from "../../../common/api/search.js";
import { get, qs } from "../../lib/api.js";
import type { Company, Customer, Page, Ticket } from "../../lib/types.js";

export type PersonHit = z.infer<typeof personHitView>;

/** Rows per page of the people lists: enough to scan, small enough to come back fast. */
export const PAGE_SIZE = 50;

export function useCustomer(id: string) {
  return useQuery({ queryKey: ["customer", id], queryFn: () => get<Customer>(`/api/v1/customers/${id}`) });
}

export function useCompany(id: string | null | undefined) {
  return useQuery({
    queryKey: ["company", id],
    queryFn: () => get<Company>(`/api/v1/companies/${id}`),
    enabled: Boolean(id),
  });
}

/** Customers by email, a page at a time (optionally of one company). */
export function useCustomerPages(opts: { company?: string } = {}) {
  return useInfiniteQuery({
    queryKey: ["customers", "list", opts.company ?? null],
    queryFn: ({ pageParam }) =>
      get<Page<Customer>>(
        `/api/v1/customers${qs({ limit: PAGE_SIZE, company: opts.company, cursor: pageParam ?? undefined })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCompanyPages() {
  return useInfiniteQuery({
    queryKey: ["companies", "list"],
    queryFn: ({ pageParam }) =>
      get<Page<Company>>(`/api/v1/companies${qs({ limit: PAGE_SIZE, cursor: pageParam ?? undefined })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Customers or companies by name, email or domain, forgiving typos (best matches first). */
export function usePeopleSearch(kind: PersonHit["kind"], q: string, limit = PAGE_SIZE) {
  return useQuery({
    queryKey: ["people-search", q, limit],
    queryFn: ({ signal }) =>
      get<{ items: PersonHit[] }>(`/api/v1/search/people${qs({ q, limit })}`, { signal }).then((r) => r.items),
    enabled: q.trim() !== "",
    staleTime: 5_000,
    select: (items) => items.filter((h) => h.kind === kind),
  });
}

/** The full records of search hits (company, role, dates), each cached under its own key for the detail page. */
export function useRecords<T>(kind: "customer" | "company", ids: string[]): (T | undefined)[] {
  const path = kind === "customer" ? "customers" : "companies";
  return useQueries({
    queries: ids.map((id) => ({ queryKey: [kind, id], queryFn: () => get<T>(`/api/v1/${path}/${id}`) })),
    combine: (results) => results.map((r) => r.data),
  });
}

/**
 * Tickets found by a query-language query, newest first. The key starts with
 * "customer-tickets" so the live stream refreshes it when any ticket changes.
 */
export function useRelatedTickets(query: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: ["customer-tickets", query],
    queryFn: ({ pageParam }) =>
      get<Page<Ticket>>(
        `/api/v1/tickets${qs({ q: `${query} sort by: created desc`, limit: 25, cursor: pageParam ?? undefined })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}
