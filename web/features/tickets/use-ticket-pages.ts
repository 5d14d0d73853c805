import { type InfiniteData, useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import { get, qs } from "../../lib/api.js";
import type { Page, Ticket } from "../../lib/types.js";

/** Big enough that scrolling rarely waits, small enough that the first rows come fast. */
export const PAGE_SIZE = 200;

/**
 * The list's tickets, a page at a time as the user scrolls. The key starts
 * with "tickets" so the live stream refreshes it; a refetch keeps the rows on
 * screen. A query the server refuses keeps the last good rows on screen too,
 * so a typo in the bar never empties the list.
 */
export function useTicketPages(q: string | undefined) {
  const query = useInfiniteQuery({
    queryKey: ["tickets", "list", q ?? ""],
    enabled: q !== undefined,
    queryFn: ({ pageParam, signal }) =>
      get<Page<Ticket>>(`/api/v1/tickets${qs({ q: q ?? "", limit: PAGE_SIZE, cursor: pageParam })}`, { signal }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const lastGood = useRef<InfiniteData<Page<Ticket>, unknown> | undefined>(undefined);
  if (query.data && !query.isError) lastGood.current = query.data;
  const data = query.isError ? lastGood.current : query.data;
  const rows = useMemo(() => data?.pages.flatMap((p) => p.items) ?? [], [data]);
  return {
    rows,
    /** True while the very first page of this screen loads (nothing to show yet). */
    loading: query.isPending && q !== undefined,
    error: query.error,
    hasNextPage: query.hasNextPage && !query.isError,
    isFetchingNextPage: query.isFetchingNextPage,
    fetchNextPage: query.fetchNextPage,
    refetch: query.refetch,
    /** The rows shown belong to the previous query while this one loads. */
    switching: query.isPlaceholderData,
  };
}
