import type { Command } from "commander";
import {
  DomainError,
  type ListWebhookDeliveriesInput,
  type Webhook,
  type WebhookDelivery,
  type WebhookTestResult,
} from "../../lib/index.js";
import { type CommandContext, commandContext, type GlobalOptions } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { table } from "../output.js";

export interface AddOptions {
  name?: string;
  events?: string;
  teams?: boolean;
  allowPrivate?: boolean;
}

const bad = (code: string, field: string, message: string) => new DomainError("validation", code, message, field);

/** With a database server and no HELPLINE_SECRET_KEY the CLI would seal the secret with a key the server lacks. */
function needServerKey(ctx: CommandContext, what: string): void {
  if (ctx.config.DATABASE_URL && !ctx.config.HELPLINE_SECRET_KEY) {
    throw bad(
      "cli.secret_key_required",
      "secret",
      `Set HELPLINE_SECRET_KEY (the server's) so the ${what} is sealed with the key the server reads it with.`,
    );
  }
}

const details = (w: Webhook) =>
  [
    ["Id", w.id],
    ["URL", w.url],
    ["Format", w.format === "teams" ? "Microsoft Teams card" : "JSON, signed"],
    ["Events", w.events.join(", ")],
    ["Active", w.active ? "yes" : `no${w.disabledReason ? ` (${w.disabledReason})` : ""}`],
  ]
    .map(([k, v]) => `  ${String(k).padEnd(7)} ${v}`)
    .join("\n");

const secretLines = (secret: string) => [
  "",
  "Signing secret (shown this once; store it now):",
  `  ${secret}`,
  'Verify X-Helpline-Signature "v1=<hex>": HMAC-SHA256 of "<X-Helpline-Timestamp>.<body>" with it.',
];

/** `helpline webhooks add <url> --name N --events a,b [--teams] [--allow-private]`. */
export async function webhooksAdd(ctx: CommandContext, url: string, o: AddOptions): Promise<void> {
  if (!o.teams) needServerKey(ctx, "signing secret");
  const events = (o.events ?? "*")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const input = {
    name: o.name ?? new URL(url, "http://x").host ?? url,
    url,
    events,
    ...(o.teams ? { format: "teams" as const } : {}),
    ...(o.allowPrivate ? { allowPrivate: true } : {}),
  };
  const change = await ctx.withDesk((desk) => desk.notifications.webhooks.create(input));
  ctx.out.result(change, () =>
    [
      `Added webhook ${change.webhook.name}`,
      details(change.webhook),
      ...(change.secret ? secretLines(change.secret) : []),
    ].join("\n"),
  );
}

/** `helpline webhooks list`. */
export async function webhooksList(ctx: CommandContext): Promise<void> {
  const page = await ctx.withDesk((desk) => desk.notifications.webhooks.list());
  ctx.out.result(page, () => {
    if (page.items.length === 0)
      return "No webhooks yet: helpline webhooks add https://example.com/hook --events ticket.created";
    const rows = page.items.map((w) => [
      w.id,
      w.name,
      w.format,
      w.active ? "yes" : "no",
      w.events.join(","),
      w.consecutiveFailures || "",
      w.url,
    ]);
    return table(["ID", "NAME", "FORMAT", "ACTIVE", "EVENTS", "FAILS", "URL"], rows, 60);
  });
}

/** `helpline webhooks remove <id>`: the webhook and its delivery log. */
export async function webhooksRemove(ctx: CommandContext, id: string): Promise<void> {
  const removed = await ctx.withDesk((desk) => desk.notifications.webhooks.remove(id));
  ctx.out.result(
    removed,
    () => `Deleted webhook ${removed.webhook.name} and ${removed.deliveriesDeleted} logged deliveries.`,
  );
}

const deliveryRow = (d: WebhookDelivery) => [
  d.createdAt.toISOString(),
  d.eventType,
  d.status,
  d.attempts,
  d.responseStatus ?? "",
  d.durationMs === null ? "" : `${d.durationMs} ms`,
  d.status === "pending" && d.nextAttemptAt ? `next ${d.nextAttemptAt.toISOString()}` : (d.error ?? ""),
];

/** `helpline webhooks deliveries <id> [--status S] [--limit N]`: the log, newest first. */
export async function webhooksDeliveries(
  ctx: CommandContext,
  id: string,
  o: { status?: string; limit?: string },
): Promise<void> {
  // The engine checks both (a wrong status is refused naming the allowed ones).
  const input: ListWebhookDeliveriesInput = {
    ...(o.status ? { status: o.status as ListWebhookDeliveriesInput["status"] } : {}),
    ...(o.limit ? { limit: Number(o.limit) } : {}),
  };
  const page = await ctx.withDesk((desk) => desk.notifications.webhooks.deliveries(id, input));
  ctx.out.result(page, () => {
    if (page.items.length === 0) return "No deliveries yet.";
    return table(
      ["CREATED", "EVENT", "STATUS", "TRIES", "HTTP", "TIME", "LAST ERROR / NEXT"],
      page.items.map(deliveryRow),
      70,
    );
  });
}

export function formatWebhookTest(t: WebhookTestResult): string {
  const head = t.ok ? `ok: ${t.url} answered ${t.status}` : `FAILED: ${t.url}: ${t.error ?? "no answer"}`;
  return [
    `${head} in ${t.durationMs} ms (delivery ${t.deliveryId})`,
    ...(t.body ? [`  ${t.body.slice(0, 200)}`] : []),
  ].join("\n");
}

/** `helpline webhooks test <id>`: sends a ping now; exit 9 when the receiver did not answer 2xx. */
export async function webhooksTest(ctx: CommandContext, id: string): Promise<number> {
  const result = await ctx.withDesk((desk) => desk.notifications.webhooks.test(id));
  ctx.out.result(result, () => formatWebhookTest(result));
  return result.ok ? EXIT.ok : EXIT.checkFailed;
}

/** `helpline webhooks enable|disable <id>`. */
export async function webhooksSetActive(ctx: CommandContext, id: string, active: boolean): Promise<void> {
  const w = await ctx.withDesk((desk) => desk.notifications.webhooks.update(id, { active }));
  ctx.out.result(w, () => `${active ? "Enabled" : "Paused"} webhook ${w.name}.`);
}

/** `helpline webhooks rotate-secret <id>`. */
export async function webhooksRotate(ctx: CommandContext, id: string): Promise<void> {
  needServerKey(ctx, "signing secret");
  const change = await ctx.withDesk((desk) => desk.notifications.webhooks.rotateSecret(id));
  ctx.out.result(change, () =>
    [`New secret for ${change.webhook.name}`, ...secretLines(change.secret ?? "")].join("\n"),
  );
}

/** `helpline webhooks add|list|remove|deliveries|test|enable|disable|rotate-secret`, on the program. */
export function registerWebhooks(
  cli: Command,
  run: (name: string, fn: (g: GlobalOptions) => Promise<unknown>) => Promise<void>,
): void {
  const hooks = cli
    .command("webhooks")
    .description("outgoing webhooks and Microsoft Teams channels: add, list, deliveries, test, remove");
  const ctxOf = (go: GlobalOptions, name: string) => commandContext(go, `webhooks ${name}`);
  hooks
    .command("add <url>")
    .description("POST events to a URL (signed JSON), or to a Teams incoming webhook with --teams")
    .option("--name <name>", "a name for it (default: the URL's host)")
    .option("--events <types>", 'comma-separated event types, or "*" for all (default *)')
    .option("--teams", "the URL is a Microsoft Teams incoming webhook: post message cards")
    .option("--allow-private", "allow a loopback or private address (a receiver on your own network)")
    .action((url: string, o: AddOptions) => run("webhooks add", (go) => webhooksAdd(ctxOf(go, "add"), url, o)));
  hooks
    .command("list", { isDefault: true })
    .description("the workspace's webhooks: format, events, failures in a row")
    .action(() => run("webhooks list", (go) => webhooksList(ctxOf(go, "list"))));
  hooks
    .command("deliveries <id>")
    .description("the delivery log, newest first: status, attempts, answer, last error")
    .option("--status <status>", "pending, sending, sent or failed")
    .option("--limit <n>", "how many (default 50)")
    .action((id: string, o) => run("webhooks deliveries", (go) => webhooksDeliveries(ctxOf(go, "deliveries"), id, o)));
  hooks
    .command("test <id>")
    .description("send a ping now and print the receiver's answer (exit 9 when it is not 2xx)")
    .action((id: string) => run("webhooks test", (go) => webhooksTest(ctxOf(go, "test"), id)));
  hooks
    .command("enable <id>")
    .description("re-enable (also after auto-disable); the failure count restarts")
    .action((id: string) => run("webhooks enable", (go) => webhooksSetActive(ctxOf(go, "enable"), id, true)));
  hooks
    .command("disable <id>")
    .description("pause deliveries; the log is kept")
    .action((id: string) => run("webhooks disable", (go) => webhooksSetActive(ctxOf(go, "disable"), id, false)));
  hooks
    .command("rotate-secret <id>")
    .description("issue a new signing secret (printed once; the old one stops at once)")
    .action((id: string) => run("webhooks rotate-secret", (go) => webhooksRotate(ctxOf(go, "rotate-secret"), id)));
  hooks
    .command("remove <id>")
    .description("delete a webhook and its delivery log")
    .action((id: string) => run("webhooks remove", (go) => webhooksRemove(ctxOf(go, "remove"), id)));
}
