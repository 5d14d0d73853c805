import type { PriorityNumber } from "./enums.js";

/** Seed 002's resolution windows per priority. Business-hours calendars arrive with SLA policies. */
export const SLA_HOURS: Readonly<Record<PriorityNumber, number>> = { 1: 4, 2: 24, 3: 72, 4: 168 };

export const HOUR_MS = 3_600_000;

export function slaDeadline(createdAt: Date, slaHours: number): Date {
  return new Date(createdAt.getTime() + slaHours * HOUR_MS);
}
