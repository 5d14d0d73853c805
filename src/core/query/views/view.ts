/**
 * Views: saved queries an agent keeps for themself, shares with a team or
 * with the whole workspace. The rules every view command applies:
 *
 * - Only agents (any role) have views; customers have none. The system actor
 *   (CLI without `--as`, jobs) sees every view of the workspace but owns none.
 * - Who sees a view: its owner always (even after leaving the team it is
 *   shared with, so they can still fix or delete it); a team view also every
 *   member of that team and every manager and superadmin; a workspace view
 *   every agent. Anyone who sees a view may run it: its query is evaluated for
 *   the person running it (`me`, visibility), not for the owner.
 * - Who changes or deletes a view: its owner, or a manager or superadmin (who
 *   can only reach views they see, so never someone else's personal view).
 * - Sharing, decided on the view as it is after the change: any agent may
 *   share with a team they belong to (teams curate their own queues); sharing
 *   with another team or the whole workspace is for managers and superadmins,
 *   because a workspace view lands in every agent's list.
 */
import { and, eq, or, type SQL, sql } from "drizzle-orm";
import type { ViewVisibility } from "../../../../common/api/views.js";
import type { Tx } from "../../../db/connection.js";
import { teamMembers, views } from "../../../db/schema/index.js";
import { authorize, can } from "../../access/index.js";
import { type Actor, type Ctx, conflict, forbidden, isUuid, notFound } from "../../kernel/index.js";

export interface View {
  id: string;
  name: string;
  query: string;
  visibility: ViewVisibility;
  /** The team it is shared with (team views only). */
  teamId: string | null;
  ownerId: string;
  position: number;
  display: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export type ViewRow = typeof views.$inferSelect;

export function toView(row: ViewRow): View {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    visibility: row.visibility as ViewVisibility,
    teamId: row.teamId,
    ownerId: row.ownerId,
    position: row.position,
    display: (row.display ?? {}) as Record<string, unknown>,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What the actor may do with a view they can see. */
export function viewPermissions(actor: Actor, view: Pick<View, "ownerId">): { update: boolean; delete: boolean } {
  const mine = actor.type === "agent" && actor.id === view.ownerId;
  const may = can(actor, "views:use") && (mine || can(actor, "views:manage"));
  return { update: may, delete: may };
}

/** The views of the workspace the actor may see, as a WHERE condition (call after `views:use`). */
export function visibleViews(ctx: Ctx): SQL {
  const ws = eq(views.workspaceId, ctx.workspaceId);
  const a = ctx.actor;
  if (a.type === "system") return ws;
  if (a.type !== "agent") return sql`false`;
  const teamView = eq(views.visibility, "team");
  const ofMyTeams = sql`${views.teamId} in (select tm.team_id from ${teamMembers} tm
    where tm.workspace_id = ${ctx.workspaceId} and tm.agent_id = ${a.id})`;
  const team = can(a, "views:manage") ? teamView : and(teamView, ofMyTeams);
  return and(ws, or(eq(views.ownerId, a.id), eq(views.visibility, "workspace"), team)) as SQL;
}

/**
 * A view the actor can see, by id or by name. A name means the actor's own
 * view first, then the one shared view of that name (case-insensitive);
 * two shared views of one name are ambiguous: use the id.
 */
export async function findVisibleView(
  tx: Tx,
  ctx: Ctx,
  ref: string,
  opts: { forUpdate?: boolean } = {},
): Promise<View> {
  authorize(ctx.actor, "views:use");
  const key = ref.trim();
  const byRef = isUuid(key) ? eq(views.id, key.toLowerCase()) : sql`lower(${views.name}) = lower(${key})`;
  const query = tx
    .select()
    .from(views)
    .where(and(visibleViews(ctx), byRef))
    .orderBy(views.createdAt, views.id)
    .limit(20);
  const rows = opts.forUpdate ? await query.for("update") : await query;
  const me = ctx.actor.type === "agent" ? ctx.actor.id : null;
  const own = rows.find((r) => r.ownerId === me);
  if (own) return toView(own);
  const [first, second] = rows;
  if (!first) throw notFound("view.not_found", `No view "${ref}" that you can see.`, "view");
  if (second) {
    throw conflict("view.ambiguous", `Several shared views are named "${key}"; name the view by its id.`, {
      field: "view",
      ids: rows.map((r) => r.id),
    });
  }
  return toView(first);
}

/** Refuses a change of a view the actor sees but neither owns nor manages. */
export function assertMayChange(actor: Actor, view: View, verb: "change" | "delete"): void {
  if (!viewPermissions(actor, view).update) {
    throw forbidden(`Only the view's owner, a manager or a superadmin may ${verb} it.`, "view.not_owner");
  }
}

/** Whether the actor may leave a view shared this way (see the rules at the top of this file). */
export async function assertMayShare(
  tx: Tx,
  ctx: Ctx,
  visibility: ViewVisibility,
  teamId: string | null,
): Promise<void> {
  if (visibility === "personal" || can(ctx.actor, "views:manage")) return;
  if (visibility === "workspace") {
    throw forbidden(
      "Only managers and superadmins share a view with the whole workspace; share it with your team instead.",
      "view.share_forbidden",
    );
  }
  const a = ctx.actor;
  const [member] =
    a.type === "agent" && teamId
      ? await tx
          .select({ teamId: teamMembers.teamId })
          .from(teamMembers)
          .where(
            and(
              eq(teamMembers.workspaceId, ctx.workspaceId),
              eq(teamMembers.teamId, teamId),
              eq(teamMembers.agentId, a.id),
            ),
          )
      : [];
  if (!member) {
    throw forbidden("You can share a view only with a team you belong to.", "view.share_forbidden");
  }
}

/** Refuses a second view of the same owner with the same name (names are matched case-insensitively). */
export async function assertViewNameFree(
  tx: Tx,
  ctx: Ctx,
  ownerId: string,
  name: string,
  except?: string,
): Promise<void> {
  const rows = await tx
    .select({ id: views.id })
    .from(views)
    .where(
      and(
        eq(views.workspaceId, ctx.workspaceId),
        eq(views.ownerId, ownerId),
        sql`lower(${views.name}) = lower(${name})`,
      ),
    );
  if (rows.some((r) => r.id !== except)) throw nameTaken(name);
}

export const nameTaken = (name: string) =>
  conflict("view.name_taken", `There is already a view named "${name}" of the same owner.`, { field: "name" });
