import type { Command } from "commander";
import { type CommandContext, commandContext, type GlobalOptions } from "../context.js";
import { table } from "../output.js";

/** `helpline email why <message-id>`: which ticket a message is in, and the rule that put it there. */
export async function emailWhy(ctx: CommandContext, messageId: string): Promise<void> {
  const at = await ctx.withDesk((desk) => desk.email.whereIs(messageId));
  ctx.out.result(at, () => {
    const lines = [
      `<${at.messageId}> is on ${at.ticket.number} "${at.ticket.subject}"`,
      `  ${at.direction === "in" ? "received" : "sent"} ${at.at.toISOString()}`,
      `  rule     ${at.rule}${at.detail ? `: ${at.detail}` : ""}`,
    ];
    if (at.inboundId) lines.push(`  original GET /api/v1/email/inbound/${at.inboundId}`);
    if (at.delivery) {
      const d = at.delivery;
      lines.push(
        `  delivery ${d.status} after ${d.attempts} attempt(s)${d.sentAt ? ` at ${d.sentAt.toISOString()}` : ""}${d.lastError ? ` — ${d.lastError}` : ""}`,
      );
    }
    return lines.join("\n");
  });
}

/** `helpline email failed [--all]`: inbound messages that failed (or every recent one), newest first. */
export async function emailFailed(ctx: CommandContext, o: { all?: boolean; limit?: string }): Promise<void> {
  const limit = o.limit === undefined ? 50 : Number(o.limit);
  const page = await ctx.withDesk((desk) => desk.email.inbound.list({ ...(o.all ? {} : { status: "failed" }), limit }));
  ctx.out.result(page, () => {
    if (page.items.length === 0) return o.all ? "No inbound mail stored." : "No failed inbound mail.";
    const rows = page.items.map((i) => [
      i.id,
      i.receivedAt.toISOString(),
      i.status,
      i.from ?? "",
      i.messageId ?? "",
      i.ticket?.number ?? "",
      i.error ?? "",
    ]);
    const hint = o.all ? "" : "\nRetry one with: helpline email retry <id>";
    return `${table(["ID", "RECEIVED", "STATUS", "FROM", "MESSAGE-ID", "TICKET", "ERROR"], rows, 60)}${hint}`;
  });
}

/** `helpline email retry <id>`: a failed or ignored inbound message goes through the pipeline again. */
export async function emailRetry(ctx: CommandContext, id: string): Promise<void> {
  const r = await ctx.withDesk((desk) => desk.email.inbound.retry(id));
  ctx.out.result(r, () => `Inbound message ${r.id} was ${r.previousStatus}; queued to be processed again.`);
}

/** `helpline email why|failed|retry`. */
export function registerEmail(
  cli: Command,
  run: (name: string, fn: (g: GlobalOptions) => Promise<unknown>) => Promise<void>,
): void {
  const email = cli.command("email").description("where a message went and why; failed inbound mail and retries");
  email
    .command("why <message-id>")
    .description("the ticket a Message-ID (with or without <>) is in, and the rule that put it there")
    .action((id: string) => run("email why", (go) => emailWhy(commandContext(go, "email why"), id)));
  email
    .command("failed")
    .description("inbound messages that failed processing, newest first (--all: every stored message)")
    .option("--all", "every stored inbound message, not only failed ones")
    .option("--limit <n>", "at most this many (default 50)")
    .action((o: { all?: boolean; limit?: string }) =>
      run("email failed", (go) => emailFailed(commandContext(go, "email failed"), o)),
    );
  email
    .command("retry <id>")
    .description("run a failed or ignored inbound message through the pipeline again")
    .action((id: string) => run("email retry", (go) => emailRetry(commandContext(go, "email retry"), id)));
}
