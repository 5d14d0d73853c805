import type { TicketClassification } from "../../lib/index.js";
import type { CommandContext } from "../context.js";

export interface ClassifyOpts {
  subject: string;
  description?: string;
}

/** The human reading: the verdict on one line, then why, one decision per line. */
export function classificationText(c: TicketClassification): string {
  const mood = `${c.sentiment.label}${c.angry ? ", angry" : ""}`;
  return [
    `priority ${c.priority} · category ${c.category.name} · sentiment ${mood} · resolve within ${c.estimatedResolution.hours} h`,
    "",
    "Why:",
    ...c.explanation.map((line) => `  - ${line}`),
  ].join("\n");
}

/** `helpline classify --subject "…" [--description "…"]`: what the desk makes of a ticket's text; nothing is stored. */
export async function classifyCommand(ctx: CommandContext, o: ClassifyOpts): Promise<void> {
  const result = await ctx.withDesk(async (desk) =>
    desk.routing.classify({
      subject: o.subject,
      ...(o.description !== undefined ? { description: o.description } : {}),
    }),
  );
  ctx.out.result(result, () => classificationText(result));
}
