/** The board's server state: its tickets, the workspace's WIP limits, and moving a card. */
import { notifications } from "@mantine/notifications";
import { type QueryKey, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CurrentWorkspaceView } from "../../../common/api/workspaces.js";
import { TICKET_STATUSES, type TicketStatus } from "../../../common/enums.js";
import { ApiError, errorMessage, get, patch, post, qs } from "../../lib/api.js";
import { STATUS_LABEL } from "../../lib/format.js";
import type { Page, Ticket } from "../../lib/types.js";
import { moveRefusedMessage, type WipLimits } from "./board-model.js";

/** The server's page size limit: a board never shows more than this. */
export const BOARD_LIMIT = 500;

/** Key prefix "board": the live connection refetches it whenever any ticket changes. */
export const boardKey = (query: string): QueryKey => ["board", query];

export function useBoardTickets(query: string) {
  return useQuery({
    queryKey: boardKey(query),
    queryFn: ({ signal }) => get<Page<Ticket>>(`/api/v1/tickets${qs({ q: query, limit: BOARD_LIMIT })}`, { signal }),
    // A new filter keeps the old cards on screen until the new ones arrive.
    placeholderData: (previous) => previous,
  });
}

type Workspace = Omit<CurrentWorkspaceView, "settings"> & { settings: { boardWipLimits?: unknown } };

/** Only known statuses with positive whole limits count (an older server may send nothing). */
function readWipLimits(raw: unknown): WipLimits {
  const out: WipLimits = {};
  if (!raw || typeof raw !== "object") return out;
  for (const s of TICKET_STATUSES) {
    const v = (raw as Record<string, unknown>)[s];
    if (typeof v === "number" && Number.isInteger(v) && v > 0) out[s] = v;
  }
  return out;
}

export function useWipLimits() {
  const query = useQuery({
    queryKey: ["workspace"],
    queryFn: () => get<Workspace>("/api/v1/workspace"),
    staleTime: 60_000,
  });
  return {
    limits: readWipLimits(query.data?.settings.boardWipLimits),
    canEdit: query.data?.can.updateSettings ?? false,
    error: query.error,
    refetch: query.refetch,
  };
}

/** Sets (or with null removes) one column's limit; the whole map is sent, as the setting is one value. */
export function useSaveWipLimit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ status, limit }: { status: TicketStatus; limit: number | null }) => {
      const current = readWipLimits(client.getQueryData<Workspace>(["workspace"])?.settings.boardWipLimits);
      const next: WipLimits = { ...current };
      if (limit === null) delete next[status];
      else next[status] = limit;
      return patch<Workspace>("/api/v1/workspace/settings", { boardWipLimits: next });
    },
    onSuccess: (workspace) => client.setQueryData(["workspace"], workspace),
  });
}

interface MoveInput {
  ticket: Ticket;
  to: TicketStatus;
}

/** Why the server refused a move, in the board's words when it was the workflow. */
function moveFailure(ticket: Ticket, to: TicketStatus, err: unknown): string {
  if (err instanceof ApiError && err.code === "ticket.invalid_transition") {
    const allowed = Array.isArray(err.details?.allowed)
      ? (err.details.allowed as unknown[]).filter((s): s is TicketStatus =>
          (TICKET_STATUSES as readonly unknown[]).includes(s),
        )
      : [];
    const from = (TICKET_STATUSES as readonly unknown[]).includes(err.details?.from)
      ? (err.details?.from as TicketStatus)
      : ticket.status;
    return moveRefusedMessage(ticket.number, from, to, allowed);
  }
  return errorMessage(err);
}

export function notifyRefused(message: string) {
  notifications.show({ color: "red", title: "Move refused", message, autoClose: 8000 });
}

/**
 * Moves a card at once (optimistically) and asks the server; if the server
 * refuses, the card goes back to where it was and the reason is shown.
 */
export function useMoveTicket(query: string, visible: readonly TicketStatus[]) {
  const client = useQueryClient();
  const key = boardKey(query);
  const setStatus = (id: string, from: TicketStatus, to: TicketStatus) =>
    client.setQueryData<Page<Ticket>>(key, (page) =>
      page
        ? { ...page, items: page.items.map((t) => (t.id === id && t.status === from ? { ...t, status: to } : t)) }
        : page,
    );
  return useMutation({
    mutationFn: ({ ticket, to }: MoveInput) =>
      post<Ticket>(`/api/v1/tickets/${encodeURIComponent(ticket.id)}/status`, { status: to }),
    onMutate: async ({ ticket, to }: MoveInput) => {
      // A refetch already under way would bring the old column back.
      await client.cancelQueries({ queryKey: key });
      setStatus(ticket.id, ticket.status, to);
    },
    onError: (err, { ticket, to }) => {
      // Back to where it was, unless a live refresh has meanwhile shown where it really is.
      setStatus(ticket.id, to, ticket.status);
      const refused = err instanceof ApiError && err.code === "ticket.invalid_transition";
      notifications.show({
        color: "red",
        title: refused ? "Move refused" : `Could not move ${ticket.number}`,
        message: moveFailure(ticket, to, err),
        autoClose: 8000,
      });
    },
    onSuccess: (_saved, { ticket, to }) => {
      if (!visible.includes(to)) {
        notifications.show({
          color: "teal",
          message: `${ticket.number} moved to ${STATUS_LABEL[to]} (not shown: turn on "Show closed" to see it).`,
        });
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: ["board"] }),
  });
}
