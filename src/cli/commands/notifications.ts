import { type Command, Option } from "commander";
import { DELIVERY_STATUSES, type DeliveryLogEntry, DomainError, type ListDeliveriesInput } from "../../lib/index.js";
import { type CommandContext, commandContext, type GlobalOptions } from "../context.js";
import { table } from "../output.js";

export interface LogOptions {
  status?: string;
  channel?: string;
  kind?: string;
  agent?: string;
  event?: string;
  ticket?: string;
  limit?: string;
  cursor?: string;
}

function limitOf(text: string): number {
  if (!/^\d{1,4}$/.test(text)) {
    throw new DomainError("validation", "cli.bad_limit", `--limit "${text}" is not a number (1-500).`, "limit");
  }
  return Number(text);
}

const recipientText = (e: DeliveryLogEntry) =>
  e.recipient.agent?.email ?? e.recipient.address ?? e.recipient.key.replace(/^email:/, "");

/** What a person reads: one delivery per row, newest first, with why it was skipped, held or failed. */
export function formatDeliveryLog(items: DeliveryLogEntry[], nextCursor: string | null): string {
  if (items.length === 0) return "No deliveries match.";
  const rows = items.map((e) => [
    e.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    e.kind,
    e.channel,
    recipientText(e),
    e.status === "failed" ? "FAILED" : e.status,
    e.attempts,
    e.ticket?.number ?? "",
    e.reason ?? (e.sentAt ? `sent ${e.sentAt.toISOString().replace(/\.\d{3}Z$/, "Z")}` : ""),
  ]);
  const out = [table(["CREATED", "KIND", "CHANNEL", "RECIPIENT", "STATUS", "TRIES", "TICKET", "REASON"], rows, 60)];
  if (nextCursor) out.push(`More: --cursor ${nextCursor}`);
  return out.join("\n");
}

/** `helpline notifications log [--status failed] [--channel slack] …`: the delivery log (managers; the system). */
export async function notificationsLog(ctx: CommandContext, o: LogOptions): Promise<void> {
  // Commander checked --status and --channel; the engine checks the rest and names what is wrong.
  const input = {
    ...(o.status ? { status: o.status } : {}),
    ...(o.channel ? { channel: o.channel } : {}),
    ...(o.kind ? { kind: o.kind } : {}),
    ...(o.agent ? { agent: o.agent } : {}),
    ...(o.event ? { event: o.event } : {}),
    ...(o.ticket ? { ticket: o.ticket } : {}),
    ...(o.limit ? { limit: limitOf(o.limit) } : {}),
    ...(o.cursor ? { cursor: o.cursor } : {}),
  };
  const page = await ctx.withDesk((desk) => desk.notifications.deliveries(input as ListDeliveriesInput));
  ctx.out.result(page, () => formatDeliveryLog(page.items, page.nextCursor));
}

/** `helpline notifications log`, on the program. */
export function registerNotifications(
  cli: Command,
  run: (name: string, fn: (g: GlobalOptions) => Promise<unknown>) => Promise<void>,
): void {
  const notifications = cli.command("notifications").description("notifications: the delivery log");
  notifications
    .command("log")
    .description("every notification delivery, newest first: channel, recipient, status and why it failed or waits")
    .addOption(new Option("--status <status>", "only this status").choices([...DELIVERY_STATUSES]))
    .addOption(new Option("--channel <channel>", "only this channel").choices(["in_app", "email", "slack"]))
    .option("--kind <kind>", "only this notification kind, e.g. ticket.assigned")
    .option("--agent <agent>", "only deliveries to this agent (email or id)")
    .option("--event <event>", "an event type (ticket.assigned) or one event's id")
    .option("--ticket <ticket>", "only this ticket's (TKT-1001 or id)")
    .option("--limit <n>", "at most this many (default 50, max 500)")
    .option("--cursor <cursor>", "next page, as printed by the previous one")
    .action((o: LogOptions) =>
      run("notifications log", (go) => notificationsLog(commandContext(go, "notifications log"), o)),
    );
}
