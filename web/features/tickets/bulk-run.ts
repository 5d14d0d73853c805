/**
 * Bulk changes: there is no bulk endpoint, so each ticket gets its own call,
 * a few at a time (the server stays responsive for everyone else), and every
 * refusal is kept with the server's own reason.
 */
import type { TicketStatus } from "../../../common/enums.js";
import { errorMessage, post } from "../../lib/api.js";
import type { Ticket } from "../../lib/types.js";

export const BULK_CONCURRENCY = 4;

export type BulkAction =
  | { kind: "assign"; assignee: string | null; label: string }
  | { kind: "status"; status: TicketStatus; note?: string; label: string }
  | { kind: "tag"; tag: string; label: string };

export interface BulkTarget {
  id: string;
  number: string;
}

export interface BulkFailure {
  number: string;
  reason: string;
}

export interface BulkResult {
  action: BulkAction;
  changed: string[];
  failed: BulkFailure[];
}

function call(action: BulkAction, ref: string): Promise<Ticket> {
  const path = `/api/v1/tickets/${encodeURIComponent(ref)}`;
  switch (action.kind) {
    case "assign":
      return post<Ticket>(`${path}/assign`, { assignee: action.assignee });
    case "status":
      return post<Ticket>(`${path}/status`, { status: action.status, ...(action.note ? { note: action.note } : {}) });
    case "tag":
      return post<Ticket>(`${path}/tags`, { addTags: [action.tag] });
  }
}

/** Runs `action` on every target, `BULK_CONCURRENCY` at a time, reporting progress after each. */
export async function runBulk(
  action: BulkAction,
  targets: readonly BulkTarget[],
  onProgress: (done: number) => void,
): Promise<BulkResult> {
  const changed: string[] = [];
  const failed: BulkFailure[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const target = targets[next++];
      if (!target) return;
      try {
        await call(action, target.id);
        changed.push(target.id);
      } catch (err) {
        failed.push({ number: target.number, reason: errorMessage(err) });
      }
      onProgress(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, targets.length) }, worker));
  failed.sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));
  return { action, changed, failed };
}
