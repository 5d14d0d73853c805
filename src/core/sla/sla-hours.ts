import type { PriorityNumber } from "../../../common/enums.js";
import { levelOf } from "../../../common/priority.js";
import { HOUR_MS } from "../../../common/sla-defaults.js";

export { SLA_HOURS, slaDeadline } from "../../../common/sla-defaults.js";

export interface SlaSnapshotInput {
  number: string;
  priority: PriorityNumber;
  slaHours: number;
  createdAt: Date;
  slaDueAt: Date;
  /** When the clock stopped (resolution), if it has. */
  stoppedAt: Date | null;
}

/** Seed 002's `check_sla_breach` snapshot, field for field. */
export interface SlaSnapshot {
  ticket_id: string;
  priority: number;
  priority_label: string;
  sla_hours: number;
  created_at: string;
  sla_deadline: string;
  is_breached: boolean;
  hours_remaining: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function slaSnapshot(t: SlaSnapshotInput, now: Date): SlaSnapshot {
  const at = t.stoppedAt ?? now;
  const remainingMs = t.slaDueAt.getTime() - at.getTime();
  return {
    ticket_id: t.number,
    priority: t.priority,
    priority_label: levelOf(t.priority),
    sla_hours: t.slaHours,
    created_at: t.createdAt.toISOString(),
    sla_deadline: t.slaDueAt.toISOString(),
    is_breached: remainingMs < 0,
    hours_remaining: round2(remainingMs / HOUR_MS),
  };
}
