import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { notificationPreferences } from "../../db/schema/index.js";
import { type Ctx, forbidden, invalid, parseInput } from "../kernel/index.js";
import { readWorkspaceSettings } from "../people/index.js";
import {
  DEFAULT_CHANNELS,
  type EffectivePreferences,
  type PreferencesPatch,
  preferencesPatch,
} from "./preferences-schema.js";
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from "./types.js";

type PreferencesRow = typeof notificationPreferences.$inferSelect;
type Channels = EffectivePreferences["channels"];

/** The defaults with the stored switches applied; a stored entry of the wrong shape is ignored. */
function mergeChannels(stored: unknown): Channels {
  const out = {} as Channels;
  const given = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  for (const kind of NOTIFICATION_KINDS) {
    const row = { ...DEFAULT_CHANNELS[kind] };
    const over = given[kind];
    if (over && typeof over === "object") {
      for (const channel of NOTIFICATION_CHANNELS) {
        const v = (over as Record<string, unknown>)[channel];
        if (typeof v === "boolean") row[channel] = v;
      }
    }
    out[kind] = row;
  }
  return out;
}

function effective(agentId: string, row: PreferencesRow | undefined, workspaceZone: string): EffectivePreferences {
  return {
    agentId,
    channels: mergeChannels(row?.channels),
    quietHours: row?.quietStart && row.quietEnd ? { start: row.quietStart, end: row.quietEnd } : null,
    timeZone: row?.timeZone ?? workspaceZone,
    emailBatchMinutes: row?.emailBatchMinutes ?? 0,
  };
}

/**
 * Effective preferences of these agents: the defaults (DEFAULT_CHANNELS, no quiet
 * hours, no batching) with each one's stored changes; the time zone falls back to
 * the workspace's. Every id asked for has an entry.
 */
export async function effectivePreferences(
  tx: Tx,
  workspaceId: string,
  agentIds: readonly string[],
): Promise<Map<string, EffectivePreferences>> {
  const out = new Map<string, EffectivePreferences>();
  if (agentIds.length === 0) return out;
  const ids = [...new Set(agentIds)];
  const rows = await tx
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.workspaceId, workspaceId), inArray(notificationPreferences.agentId, ids)));
  const byAgent = new Map(rows.map((r) => [r.agentId, r]));
  const zone = (await readWorkspaceSettings(tx, workspaceId)).timeZone;
  for (const id of ids) out.set(id, effective(id, byAgent.get(id), zone));
  return out;
}

function selfAgent(ctx: Ctx): string {
  if (ctx.actor.type !== "agent") throw forbidden("Notification preferences belong to agents; sign in as an agent.");
  return ctx.actor.id;
}

/** The caller's own notification preferences (agents). */
export async function getMyPreferences(ctx: Ctx): Promise<EffectivePreferences> {
  const agentId = selfAgent(ctx);
  const prefs = await effectivePreferences(ctx.db, ctx.workspaceId, [agentId]);
  return prefs.get(agentId) as EffectivePreferences;
}

/** Only what differs from the defaults is stored, so a later change of a default reaches everyone else. */
function storedChannels(channels: Channels): Record<string, Partial<Record<NotificationChannel, boolean>>> {
  const out: Record<string, Partial<Record<NotificationChannel, boolean>>> = {};
  for (const kind of NOTIFICATION_KINDS) {
    for (const channel of NOTIFICATION_CHANNELS) {
      if (channels[kind][channel] !== DEFAULT_CHANNELS[kind][channel]) {
        out[kind] = { ...out[kind], [channel]: channels[kind][channel] };
      }
    }
  }
  return out;
}

/**
 * Changes the caller's own preferences (agents): channel switches per kind,
 * quiet hours (both times, or null for none), time zone (null = the
 * workspace's), email batching. Unknown kinds and channels are refused.
 */
export async function updateMyPreferences(ctx: Ctx, raw: PreferencesPatch): Promise<EffectivePreferences> {
  const agentId = selfAgent(ctx);
  const patch = parseInput(preferencesPatch, raw);
  const q = patch.quietHours;
  if (q && (q.start === null) !== (q.end === null)) {
    throw invalid(
      "notifications.quiet_hours",
      "quietHours: give both start and end (e.g. 22:00 and 07:00), or null to turn quiet hours off",
      q.start === null ? "quietHours.start" : "quietHours.end",
    );
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(notificationPreferences)
      .where(
        and(eq(notificationPreferences.workspaceId, ctx.workspaceId), eq(notificationPreferences.agentId, agentId)),
      )
      .for("update");
    const zone = (await readWorkspaceSettings(tx, ctx.workspaceId)).timeZone;
    const current = effective(agentId, row, zone);
    const channels = current.channels;
    for (const [kind, switches] of Object.entries(patch.channels ?? {})) {
      for (const [channel, on] of Object.entries(switches ?? {})) {
        if (typeof on === "boolean") channels[kind as NotificationKind][channel as NotificationChannel] = on;
      }
    }
    const quiet = q === undefined ? current.quietHours : q?.start && q.end ? { start: q.start, end: q.end } : null;
    const values = {
      agentId,
      workspaceId: ctx.workspaceId,
      channels: storedChannels(channels),
      quietStart: quiet?.start ?? null,
      quietEnd: quiet?.end ?? null,
      timeZone: patch.timeZone === undefined ? (row?.timeZone ?? null) : patch.timeZone,
      emailBatchMinutes: patch.emailBatchMinutes ?? current.emailBatchMinutes,
      updatedAt: now,
    };
    await tx
      .insert(notificationPreferences)
      .values(values)
      .onConflictDoUpdate({ target: notificationPreferences.agentId, set: values });
    return effective(agentId, { ...values }, zone);
  });
}
