import { DomainError, type Ticket } from "../../lib/index.js";
import type { CommandContext } from "../context.js";
import { table } from "../output.js";

export interface CreateOpts {
  subject: string;
  description?: string;
  requester?: string;
  priority?: string;
  urgency?: string;
  importance?: string;
  category?: string;
  type?: string;
  tag?: string[];
  assignee?: string;
  team?: string;
}

const fmtDate = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) : "");

function ticketLines(t: Ticket): string {
  return [
    `${t.number}  ${t.subject}`,
    `status ${t.status} · priority ${t.priority} (urgency ${t.urgency}, importance ${t.importance})`,
    `category ${t.category ?? "-"} · type ${t.type} · channel ${t.channel} · tags ${t.tags.join(", ") || "-"}`,
    `SLA ${t.slaHours} h, due ${fmtDate(t.slaDueAt)} · escalation level ${t.escalationLevel}`,
    `created ${fmtDate(t.createdAt)} · updated ${fmtDate(t.updatedAt)}${t.resolvedAt ? ` · resolved ${fmtDate(t.resolvedAt)}` : ""}`,
  ].join("\n");
}

export async function ticketsCreate(ctx: CommandContext, o: CreateOpts): Promise<void> {
  const priority = o.priority && /^[1-4]$/.test(o.priority) ? Number(o.priority) : o.priority;
  const ticket = await ctx.withDesk((desk) =>
    desk.tickets.create({
      subject: o.subject,
      channel: "cli",
      ...(o.description !== undefined ? { description: o.description } : {}),
      ...(o.requester ? { requester: o.requester } : {}),
      ...(priority !== undefined ? { priority: priority as never } : {}),
      ...(o.urgency ? { urgency: o.urgency as never } : {}),
      ...(o.importance ? { importance: o.importance as never } : {}),
      ...(o.category ? { category: o.category } : {}),
      ...(o.type ? { type: o.type } : {}),
      ...(o.tag ? { tags: o.tag } : {}),
      ...(o.assignee ? { assignee: o.assignee } : {}),
      ...(o.team ? { team: o.team } : {}),
    }),
  );
  ctx.out.result(ticket, () => `Created ${ticketLines(ticket)}`);
}

export interface ListOpts {
  query?: string;
  status?: string;
  assignee?: string;
  unassigned?: boolean;
  priority?: string;
  team?: string;
  category?: string;
  limit?: string;
  cursor?: string;
  /** A saved view (name or id) whose query to run. */
  view?: string;
}

const FILTER_OPTIONS = ["status", "assignee", "unassigned", "priority", "team", "category"] as const;

export async function ticketsList(ctx: CommandContext, o: ListOpts): Promise<void> {
  const status = o.status?.includes(",") ? o.status.split(",") : o.status;
  const priority = o.priority && /^[1-4]$/.test(o.priority) ? Number(o.priority) : o.priority;
  const paging = { ...(o.limit ? { limit: Number(o.limit) } : {}), ...(o.cursor ? { cursor: o.cursor } : {}) };
  if (o.view !== undefined) {
    const mixed = (["query", ...FILTER_OPTIONS] as const).filter((f) => o[f] !== undefined);
    if (mixed.length > 0) {
      throw new DomainError(
        "validation",
        "cli.mixed_filters",
        `--view runs the view's own query: drop --${mixed.join(", --")}.`,
        mixed[0],
      );
    }
  }
  if (o.query !== undefined) {
    const mixed = FILTER_OPTIONS.filter((f) => o[f] !== undefined);
    if (mixed.length > 0) {
      throw new DomainError(
        "validation",
        "cli.mixed_filters",
        `--query replaces --${mixed.join(", --")}: write them inside the query (e.g. "status: open").`,
        mixed[0],
      );
    }
  }
  const page = await ctx.withDesk((desk) =>
    o.view !== undefined
      ? desk.views.run(o.view, paging)
      : o.query !== undefined
        ? desk.tickets.list({ q: o.query, ...paging })
        : desk.tickets.getQueue({
            ...(status ? { status: status as never } : {}),
            ...(o.unassigned ? { assignee: null } : o.assignee ? { assignee: o.assignee } : {}),
            ...(priority !== undefined ? { priority: priority as never } : {}),
            ...(o.team ? { team: o.team } : {}),
            ...(o.category ? { category: o.category } : {}),
            ...paging,
          }),
  );
  ctx.out.result(page, () => {
    if (page.items.length === 0) return "No tickets match.";
    const rows = page.items.map((t) => [
      t.number,
      t.priority,
      t.status,
      t.category ?? "",
      t.subject,
      fmtDate(t.slaDueAt),
    ]);
    const again =
      o.view !== undefined
        ? ` --view ${JSON.stringify(o.view)}`
        : o.query !== undefined
          ? ` -q ${JSON.stringify(o.query)}`
          : "";
    const more = page.nextCursor ? `\nMore: helpline tickets list${again} --cursor ${page.nextCursor}` : "";
    return `${table(["TICKET", "PRIORITY", "STATUS", "CATEGORY", "SUBJECT", "SLA DUE"], rows)}${more}`;
  });
}

export async function ticketsShow(ctx: CommandContext, ref: string): Promise<void> {
  const { ticket, timeline, sla } = await ctx.withDesk(async (desk) => ({
    ticket: await desk.tickets.get(ref),
    timeline: await desk.tickets.timeline(ref),
    sla: await desk.sla.checkBreach(ref),
  }));
  ctx.out.result({ ticket, sla, timeline }, () => {
    const lines = timeline.map((e) => {
      const who = e.author.type === "system" ? "system" : `${e.author.type}`;
      const what =
        e.kind === "event"
          ? `${e.event?.action}: ${(e.event?.changes ?? []).map((c) => `${c.field} ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`).join(", ")}`
          : e.body.split("\n")[0];
      return `  ${fmtDate(e.createdAt)}  ${e.kind.padEnd(7)} ${who.padEnd(8)} ${what}`;
    });
    const slaLine = sla.is_breached
      ? `SLA breached ${Math.abs(sla.hours_remaining)} h ago`
      : `SLA: ${sla.hours_remaining} h remaining`;
    return `${ticketLines(ticket)}\n${slaLine}\n\nTimeline\n${lines.join("\n")}`;
  });
}
