import { Alert, Box, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useElementSize, useMediaQuery } from "@mantine/hooks";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SortField } from "../../../common/query/fields.js";
import { useAgents, useCompanies, useTeams } from "../../lib/lookups.js";
import type { Ticket } from "../../lib/types.js";
import { BulkToolbar } from "./bulk-toolbar.js";
import { visibleColumns } from "./columns.js";
import { ShortcutsHelp, useListKeys } from "./keyboard.js";
import { QueryBar } from "./query-bar.js";
import { QueryError } from "./query-error.js";
import { nextSort, withSort } from "./sort-clause.js";
import type { RowNames } from "./ticket-row.js";
import { TicketTable } from "./ticket-table.js";
import { useSelection } from "./use-selection.js";
import { useTicketPages } from "./use-ticket-pages.js";
import { SaveViewDialog } from "./view-dialogs.js";
import { DEFAULT_QUERY, type Pick, useViews, ViewsSelect, ViewsSidebar } from "./views-sidebar.js";

const ERROR_ID = "ticket-query-error";
/** Where the cursor was in each list, so coming back from a ticket lands on the same row. */
const lastCursor = new Map<string, number>();

/** Names for the ids in a row, from the cached lookups (one map each, not a search per row). */
function useRowNames(): RowNames {
  const agents = useAgents();
  const teams = useTeams();
  const companies = useCompanies();
  return useMemo(() => {
    const agentName = new Map((agents.data ?? []).map((a) => [a.id, a.name || a.email]));
    const teamName = new Map((teams.data ?? []).map((t) => [t.id, t.name]));
    const companyName = new Map((companies.data ?? []).map((c) => [c.id, c.name]));
    return {
      agent: (id) => (id ? (agentName.get(id) ?? "Unknown agent") : "Unassigned"),
      team: (id) => (id ? (teamName.get(id) ?? "Unknown team") : "No team"),
      company: (id) => (id ? (companyName.get(id) ?? "Other company") : "—"),
    };
  }, [agents.data, teams.data, companies.data]);
}

/** The ticket list: query bar, saved views, a virtual table, bulk changes and keyboard control. */
export function TicketListPage() {
  const search = useSearch({ from: "/app/tickets" });
  const navigate = useNavigate({ from: "/tickets" });
  const views = useViews();
  const view = search.view ? views.data?.find((v) => v.id === search.view) : undefined;
  const viewMissing = Boolean(search.view && views.data && !view);
  // A view link without its query: run the view's own query once the views are here.
  const q: string | undefined = search.q ?? (search.view && !viewMissing ? view?.query : DEFAULT_QUERY);

  const pages = useTicketPages(q);
  const selection = useSelection(pages.rows);
  const [cursor, setCursor] = useState(() => (q === undefined ? -1 : (lastCursor.get(q) ?? -1)));
  const [focusNonce, setFocusNonce] = useState(0);
  const [saving, setSaving] = useState(false);
  const [replacement, setReplacement] = useState<{ text: string; nonce: number }>();
  const queryInput = useRef<HTMLInputElement | null>(null);
  const wide = useMediaQuery("(min-width: 75em)", true);
  const { ref: mainRef, width: mainWidth } = useElementSize();
  const columns = useMemo(() => visibleColumns(mainWidth), [mainWidth]);
  const names = useRowNames();

  // A new query is a new list: the cursor and the selection belonged to the old one.
  const { setAll } = selection;
  const shownQuery = useRef(q);
  useEffect(() => {
    if (shownQuery.current === q) return;
    const first = shownQuery.current === undefined;
    shownQuery.current = q;
    if (first) return;
    setCursor(-1);
    setAll(false);
  }, [q, setAll]);
  useEffect(() => {
    if (q !== undefined && cursor >= 0) lastCursor.set(q, cursor);
  }, [q, cursor]);
  // Back from a ticket: bring the row the agent left from into view, focused, once it is loaded.
  const restored = useRef(cursor < 0);
  useEffect(() => {
    if (restored.current || cursor < 0 || pages.rows.length <= cursor) return;
    restored.current = true;
    setFocusNonce((n) => n + 1);
  }, [cursor, pages.rows.length]);

  const go = useCallback(
    (next: { q?: string; view?: string }) => navigate({ to: "/tickets", search: next }),
    [navigate],
  );
  const submit = (text: string) => go({ q: text || undefined, view: search.view });
  const pick = (p: Pick) => go({ q: p.q || undefined, view: p.view });
  const sortBy = (field: SortField) => q !== undefined && go({ q: withSort(q, nextSort(q, field)), view: search.view });
  const open = useCallback(
    (ticket: Ticket, index: number) => {
      setCursor(index);
      navigate({ to: "/tickets/$ref", params: { ref: ticket.number } });
    },
    [navigate],
  );

  // Keys can arrive faster than renders (j j Enter): the handlers read and move the cursor through a
  // ref, so Enter opens the row the cursor is on now, not the one of the last render.
  const cursorNow = useRef(cursor);
  cursorNow.current = cursor;
  useListKeys({
    move(delta) {
      if (pages.rows.length === 0) return;
      const next = Math.max(0, Math.min(pages.rows.length - 1, cursorNow.current + delta));
      cursorNow.current = next;
      setCursor(next);
      setFocusNonce((n) => n + 1);
    },
    open() {
      const i = cursorNow.current;
      const t = pages.rows[i];
      if (t) open(t, i);
    },
    toggle() {
      const t = pages.rows[cursorNow.current];
      if (t) selection.toggle(t.id);
    },
    focusQuery() {
      queryInput.current?.focus();
      queryInput.current?.select();
    },
  });

  const count = pages.hasNextPage ? `${pages.rows.length}+ tickets` : `${pages.rows.length} tickets`;

  return (
    <Stack
      gap="xs"
      h="calc(100dvh - var(--app-shell-header-height, 48px) - 2 * var(--app-shell-padding, 10px))"
      mih={520}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={1} size="h3">
            Tickets
          </Title>
          {view && (
            <Text size="sm" c="dimmed" truncate>
              {view.name}
              {search.q !== undefined && search.q !== view.query ? " (modified)" : ""}
            </Text>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed" aria-live="polite" style={{ whiteSpace: "nowrap" }} data-testid="ticket-count">
            {pages.loading ? "Loading…" : count}
          </Text>
          <ShortcutsHelp />
        </Group>
      </Group>
      <Group align="stretch" gap="sm" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        {wide && (
          <Box w={200} style={{ flexShrink: 0, overflowY: "auto" }}>
            <ViewsSidebar
              q={q ?? ""}
              viewId={search.view}
              onSave={() => setSaving(true)}
              onDeleted={(id) => id === search.view && go({ q: search.q })}
            />
          </Box>
        )}
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }} ref={mainRef}>
          {!wide && <ViewsSelect q={q ?? ""} viewId={search.view} onPick={pick} onSave={() => setSaving(true)} />}
          <QueryBar
            value={q ?? ""}
            onSubmit={submit}
            inputRef={queryInput}
            invalid={Boolean(pages.error)}
            describedBy={pages.error ? ERROR_ID : undefined}
            replacement={replacement}
          />
          {viewMissing && (
            <Alert color="yellow" variant="light" py="xs" role="status">
              That view no longer exists or is not shared with you; showing the active tickets.
            </Alert>
          )}
          {pages.error && q !== undefined && (
            <QueryError
              id={ERROR_ID}
              error={pages.error}
              q={q}
              keptRows={pages.rows.length > 0}
              onFix={(fixed) => {
                setReplacement((r) => ({ text: fixed, nonce: (r?.nonce ?? 0) + 1 }));
                submit(fixed);
              }}
              onRetry={() => pages.refetch()}
            />
          )}
          <BulkToolbar
            tickets={selection.tickets}
            onClear={() => selection.setAll(false)}
            onFinished={(failed) => selection.keepOnly((t) => failed.has(t.number))}
          />
          {pages.loading ? (
            <Skeleton h={240} role="status" aria-label="Loading tickets" />
          ) : pages.rows.length === 0 && !pages.error ? (
            <Text size="sm" c="dimmed" p="md" ta="center" bd="1px dashed var(--mantine-color-default-border)">
              No tickets match this query. Loosen it (remove a term), or pick a queue such as Active.
            </Text>
          ) : (
            <TicketTable
              rows={pages.rows}
              columns={columns}
              q={q ?? ""}
              selected={selection.selected}
              cursor={cursor}
              focusNonce={focusNonce}
              names={names}
              hasNextPage={pages.hasNextPage}
              isFetchingNextPage={pages.isFetchingNextPage}
              switching={pages.switching}
              fetchNextPage={pages.fetchNextPage}
              onToggle={selection.toggle}
              onToggleAll={selection.setAll}
              onSort={sortBy}
              onOpen={open}
            />
          )}
        </Stack>
      </Group>
      <SaveViewDialog
        opened={saving}
        query={q ?? ""}
        onClose={() => setSaving(false)}
        onSaved={(v) => {
          setSaving(false);
          go({ q: v.query || undefined, view: v.id });
        }}
      />
    </Stack>
  );
}
