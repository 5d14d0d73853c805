import { Alert, Group, Skeleton, Text, Title } from "@mantine/core";
import { useLocalStorage } from "@mantine/hooks";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo } from "react";
import type { TicketStatus } from "../../../common/enums.js";
import { useAgentNames, useCompanies } from "../../lib/lookups.js";
import type { Ticket } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import classes from "./board.module.css";
import { BOARD_LIMIT, notifyRefused, useBoardTickets, useMoveTicket, useWipLimits } from "./board-data.js";
import { BoardGrid } from "./board-grid.js";
import { boardQuery, columnsFor, groupIntoLanes, parseLaneMode, RECENT, refusalReason } from "./board-model.js";
import { BoardToolbar } from "./board-toolbar.js";

const route = getRouteApi("/app/board");

function BoardSkeleton() {
  return (
    <Group gap="xs" wrap="nowrap" aria-label="Loading the board" role="status" style={{ overflow: "hidden" }}>
      {[0, 1, 2, 3].map((i) => (
        <Skeleton key={i} height={240} width={260} style={{ flex: "0 0 auto" }} />
      ))}
    </Group>
  );
}

/** The Kanban board (/board): tickets by status, optionally in swimlanes; drag or "Move to…" changes the status. */
export function BoardPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const mode = parseLaneMode(search.lanes);
  const filter = search.q ?? "";
  const [showClosed, setShowClosed] = useLocalStorage<boolean>({
    key: "helpline-board-show-closed",
    defaultValue: false,
    getInitialValueInEffect: false,
  });
  const columns = columnsFor(showClosed);
  const query = boardQuery(filter, showClosed);
  const board = useBoardTickets(query);
  const wip = useWipLimits();
  const move = useMoveTicket(query, columns);
  const agentNames = useAgentNames();
  const companies = useCompanies();

  const tickets = board.data?.items ?? [];
  const lanes = useMemo(() => {
    const companyNames = new Map((companies.data ?? []).map((c) => [c.id, c.name]));
    return groupIntoLanes(board.data?.items ?? [], mode, {
      agent: agentNames,
      company: (id) => companyNames.get(id) ?? "Unknown company",
    });
  }, [board.data, mode, agentNames, companies.data]);
  const counts = useMemo(() => {
    const m = new Map<TicketStatus, number>();
    for (const t of board.data?.items ?? []) m.set(t.status, (m.get(t.status) ?? 0) + 1);
    return m;
  }, [board.data]);

  const onMove = (ticket: Ticket, to: TicketStatus) => {
    const refused = refusalReason(ticket.number, ticket.status, to);
    if (refused) notifyRefused(refused);
    else move.mutate({ ticket, to });
  };

  return (
    <div className={classes.page}>
      <Title order={1} size="h3">
        Board
      </Title>
      <BoardToolbar
        filter={filter}
        onFilter={(q) => navigate({ search: (s) => ({ ...s, q: q || undefined }) })}
        lanes={mode}
        onLanes={(m) => navigate({ search: (s) => ({ ...s, lanes: m === "none" ? undefined : m }) })}
        showClosed={showClosed}
        onShowClosed={setShowClosed}
      />
      {wip.error && <ErrorAlert title="WIP limits could not be loaded" error={wip.error} onRetry={wip.refetch} />}
      {board.error ? (
        <ErrorAlert
          title={filter ? "The board cannot show this filter" : "The board could not be loaded"}
          error={board.error}
          onRetry={() => board.refetch()}
        />
      ) : !board.data ? (
        <BoardSkeleton />
      ) : (
        <>
          {board.data.nextCursor !== null && (
            <Alert color="yellow" variant="light" p="xs" role="status">
              Showing {BOARD_LIMIT} of more; narrow the filter to see the rest.
            </Alert>
          )}
          {tickets.length === 0 && (
            <Text size="sm" className={classes.muted} role="status">
              {filter
                ? "No tickets match this filter. Change or clear it."
                : `No active tickets, and none finished in the ${RECENT}. New tickets appear here as they arrive.`}
            </Text>
          )}
          <BoardGrid
            columns={columns}
            lanes={lanes}
            mode={mode}
            counts={counts}
            limits={wip.limits}
            canEditLimits={wip.canEdit}
            agentName={(id) => (id ? agentNames(id) : null)}
            onMove={onMove}
          />
        </>
      )}
    </div>
  );
}
