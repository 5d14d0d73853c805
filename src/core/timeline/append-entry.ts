import type { TimelineKind } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import { timelineEntries } from "../../db/schema/index.js";
import { type Ctx, newId } from "../kernel/index.js";
import type { AttachmentMeta, TimelineEvent } from "./entry.js";

export interface NewEntry {
  ticketId: string;
  kind: TimelineKind;
  body?: string;
  event?: TimelineEvent;
  attachments?: AttachmentMeta[];
  channel?: string | null;
  /** Email metadata (Message-ID, addresses, threading rule or delivery state) of a message that travelled by email. */
  email?: Record<string, unknown> | null;
  /** Defaults to the acting person. */
  author?: { type: "agent" | "customer" | "system"; id: string | null };
}

/** Appends entries inside the caller's transaction. */
export async function appendEntries(tx: Tx, ctx: Ctx, entries: NewEntry[], now: Date): Promise<string[]> {
  if (entries.length === 0) return [];
  const actor = ctx.actor;
  const defaultAuthor =
    actor.type === "system" ? { type: "system" as const, id: null } : { type: actor.type, id: actor.id };
  // A rule's changes name the rule, so the timeline shows every firing.
  const rule = actor.type === "system" && actor.rule ? { id: actor.rule.id, name: actor.rule.name } : undefined;
  const rows = entries.map((e) => ({
    id: newId(now),
    workspaceId: ctx.workspaceId,
    ticketId: e.ticketId,
    kind: e.kind,
    authorType: (e.author ?? defaultAuthor).type,
    authorId: (e.author ?? defaultAuthor).id,
    body: e.body ?? (rule && e.kind === "event" ? `Rule '${rule.name}'` : ""),
    event: e.event ? (rule && !e.event.rule ? { ...e.event, rule } : e.event) : null,
    attachments: e.attachments ?? [],
    channel: e.channel ?? null,
    email: e.email ?? null,
    createdAt: now,
  }));
  await tx.insert(timelineEntries).values(rows);
  return rows.map((r) => r.id);
}
