import type { PriorityNumber } from "../../../common/enums.js";
import { levelOf } from "../tickets/priority.js";

/** Seed 002's resolution windows per priority. Business-hours calendars arrive with SLA policies. */
export const SLA_HOURS: Readonly<Record<PriorityNumber, number>> = { 1: 4, 2: 24, 3: 72, 4: 168 };

const HOUR_MS = 3_600_000;

export function slaDeadline(createdAt: Date, slaHours: number): Date {
  return new Date(createdAt.getTime() + slaHours * HOUR_MS);
}

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
