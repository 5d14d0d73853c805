import { Box, Checkbox, Loader, Table, Text, UnstyledButton, useComputedColorScheme } from "@mantine/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState } from "react";
import type { SortField } from "../../../common/query/fields.js";
import type { Ticket } from "../../lib/types.js";
import { type Column, ROW_HEIGHT } from "./columns.js";
import { DEFAULT_SORT, type SortStep, sortOf } from "./sort-clause.js";
import { type RowNames, TicketRow } from "./ticket-row.js";

interface Props {
  rows: Ticket[];
  columns: Column[];
  q: string;
  selected: ReadonlySet<string>;
  cursor: number;
  /** Bumped when the keyboard moved the cursor: scroll to it and focus it. */
  focusNonce: number;
  names: RowNames;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  /** The rows belong to the previous query while the new one loads: shown faded, not replaced by a loader. */
  switching: boolean;
  fetchNextPage(): void;
  onToggle(id: string, range: boolean): void;
  onToggleAll(on: boolean): void;
  onSort(field: SortField): void;
  onOpen(ticket: Ticket, index: number): void;
}

/** Rows this close to the end of what is loaded ask for the next page. */
const PREFETCH_ROWS = 60;

function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: Column;
  sort: SortStep | undefined;
  onSort(f: SortField): void;
}) {
  const field = column.sort;
  if (!field) return <>{column.label}</>;
  const active = sort?.field === field;
  const arrow = active ? (sort?.direction === "asc" ? "▲" : "▼") : "";
  return (
    <UnstyledButton
      onClick={() => onSort(field)}
      fz="xs"
      fw={700}
      aria-label={`Sort by ${column.label.toLowerCase()}`}
      style={{ whiteSpace: "nowrap" }}
    >
      {column.label} <span aria-hidden>{arrow}</span>
    </UnstyledButton>
  );
}

/**
 * The tickets as a dense table that only renders the rows in view (ten
 * thousand rows scroll like fifty). The table scrolls inside its own box, both
 * ways, so the page itself never scrolls sideways.
 */
export function TicketTable(props: Props) {
  const { rows, columns, q, selected, cursor, focusNonce, names, hasNextPage, isFetchingNextPage } = props;
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const dark = useComputedColorScheme("light") === "dark";
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  const { fetchNextPage } = props;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, rows.length, fetchNextPage]);

  // Keyboard moves: bring the cursor row into view, then put focus on its link (Enter then opens it).
  useEffect(() => {
    if (focusNonce === 0 || cursor < 0) return;
    virtualizer.scrollToIndex(cursor, { align: "auto" });
    let frames = 0;
    let raf = 0;
    const focus = () => {
      const link = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${cursor}"] [data-ticket-link]`);
      if (link) link.focus({ preventScroll: true });
      else if (frames++ < 10) raf = requestAnimationFrame(focus);
    };
    raf = requestAnimationFrame(focus);
    return () => cancelAnimationFrame(raf);
  }, [focusNonce, cursor, virtualizer]);

  const sort = sortOf(q)[0] ?? DEFAULT_SORT[0];
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = !allSelected && selected.size > 0;
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const width = columns.reduce((sum, c) => sum + c.width, 0);

  return (
    <Box
      ref={scrollRef}
      style={{
        overflow: "auto",
        flex: 1,
        minHeight: 240,
        contain: "strict",
        opacity: props.switching ? 0.6 : 1,
        transition: "opacity 120ms",
      }}
      aria-busy={props.switching || undefined}
      data-testid="ticket-scroll"
      bd="1px solid var(--mantine-color-default-border)"
    >
      <Table
        stickyHeader
        highlightOnHover
        verticalSpacing={4}
        horizontalSpacing="xs"
        fz="xs"
        aria-label="Tickets"
        aria-rowcount={hasNextPage ? -1 : rows.length + 1}
        style={{ tableLayout: "fixed", width: "100%", minWidth: width }}
      >
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} style={{ width: c.id === "subject" ? undefined : c.width }} />
          ))}
        </colgroup>
        <Table.Thead style={{ zIndex: 2 }}>
          <Table.Tr aria-rowindex={1}>
            {columns.map((c) => (
              <Table.Th
                key={c.id}
                aria-sort={
                  c.sort && sort?.field === c.sort ? (sort.direction === "asc" ? "ascending" : "descending") : undefined
                }
              >
                {c.id === "select" ? (
                  <Checkbox
                    size="xs"
                    aria-label="Select all loaded tickets"
                    checked={allSelected}
                    indeterminate={someSelected}
                    disabled={rows.length === 0}
                    onChange={() => props.onToggleAll(!allSelected)}
                  />
                ) : (
                  <SortHeader column={c} sort={sort} onSort={props.onSort} />
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {paddingTop > 0 && (
            <tr aria-hidden style={{ height: paddingTop }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {items.map((item) => {
            const ticket = rows[item.index];
            if (!ticket) return null;
            return (
              <TicketRow
                key={ticket.id}
                ticket={ticket}
                index={item.index}
                columns={columns}
                selected={selected.has(ticket.id)}
                isCursor={item.index === cursor}
                names={names}
                now={now}
                dark={dark}
                onToggle={props.onToggle}
                onOpen={props.onOpen}
              />
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden style={{ height: paddingBottom }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
      {isFetchingNextPage && (
        <Text size="xs" c="dimmed" p="xs" role="status">
          <Loader size={12} mr={6} aria-label="Loading more tickets" />
          Loading more tickets…
        </Text>
      )}
    </Box>
  );
}
