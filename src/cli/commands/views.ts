import { DomainError, type View, type ViewListItem } from "../../lib/index.js";
import type { CommandContext } from "../context.js";
import { table } from "../output.js";

/** `--share team:<name>` or `--share workspace` (default: personal). */
export function parseShare(share: string | undefined): { visibility: View["visibility"]; team?: string } {
  if (share === undefined || share === "personal") return { visibility: "personal" };
  if (share === "workspace") return { visibility: "workspace" };
  const team = /^team:(.+)$/s.exec(share)?.[1]?.trim();
  if (team) return { visibility: "team", team };
  throw new DomainError(
    "validation",
    "cli.bad_share",
    `--share: use "team:<team name>" or "workspace" (got "${share}").`,
    "share",
  );
}

/** A view needs an owner; without `--as` the CLI acts as the system, which owns none. */
function requireAgent(as: string | undefined, what: string): void {
  if (!as) {
    throw new DomainError(
      "validation",
      "cli.agent_required",
      `${what} needs an agent: add --as <email> (views belong to the agent who saves them).`,
      "as",
    );
  }
}

const countText = (v: ViewListItem) => (v.count === null ? "error" : `${v.count}${v.capped ? "+" : ""}`);

/** `helpline views list`: the views the acting agent sees (all of them without `--as`), with counts. */
export async function viewsList(ctx: CommandContext): Promise<void> {
  const { page, teams } = await ctx.withDesk(async (desk) => {
    const listed = await desk.views.list();
    const needed = listed.items.some((v) => v.teamId !== null);
    const all = needed ? (await desk.people.listTeams({ limit: 500 })).items : [];
    return { page: listed, teams: new Map(all.map((t) => [t.id, t.name])) };
  });
  ctx.out.result(page, () => {
    if (page.items.length === 0) return "No views yet: helpline --as <email> views create <name> -q <query>";
    const shared = (v: ViewListItem) =>
      v.visibility === "team" ? `team:${teams.get(v.teamId ?? "") ?? v.teamId}` : v.visibility;
    const rows = page.items.map((v) => [v.name, shared(v), countText(v), v.query]);
    const broken = page.items.filter((v) => v.error !== null).map((v) => `${v.name}: ${v.error}`);
    const notes = broken.length > 0 ? `\n\nViews whose query no longer works:\n  ${broken.join("\n  ")}` : "";
    return `${table(["NAME", "SHARED WITH", "TICKETS", "QUERY"], rows)}${notes}`;
  });
}

/** `helpline views create <name> -q <query> [--share team:<name>|workspace]`. */
export async function viewsCreate(
  ctx: CommandContext,
  as: string | undefined,
  name: string,
  o: { query: string; share?: string },
): Promise<void> {
  requireAgent(as, "views create");
  const share = parseShare(o.share);
  const view = await ctx.withDesk((desk) => desk.views.create({ name, query: o.query, ...share }));
  ctx.out.result(view, () => {
    const where =
      share.visibility === "personal" ? "" : `, shared with ${share.team ? `team ${share.team}` : "the workspace"}`;
    return `Saved view "${view.name}"${where}: ${view.query || "(every ticket)"}`;
  });
}

/** `helpline views delete <name>` (the acting agent's own view first, by name or id). */
export async function viewsDelete(ctx: CommandContext, ref: string): Promise<void> {
  const view = await ctx.withDesk((desk) => desk.views.delete(ref));
  ctx.out.result(view, () => `Deleted view "${view.name}"`);
}
