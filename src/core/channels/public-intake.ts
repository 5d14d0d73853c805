import { z } from "zod";
import { authorize } from "../access/index.js";
import { type Ctx, forbidden, parseInput } from "../kernel/index.js";
import { emailSchema, getWorkspaceSettings } from "../people/index.js";
import { createTicket, subjectSchema, type Ticket } from "../tickets/index.js";

/** Seed 004's public intake: anyone with an email address opens a ticket. */
export const publicIntakeInput = z
  .object({
    subject: subjectSchema,
    message: z.string().trim().min(1, "must not be empty").max(100_000, "must be at most 100,000 characters"),
    customerEmail: emailSchema,
  })
  .strict();
export type PublicIntakeInput = z.input<typeof publicIntakeInput>;

/**
 * A ticket from the public API (seed 004 `POST /api/tickets`): refused with
 * `intake.disabled` when the workspace turned public intake off; otherwise
 * created on the `api` channel for the requester (a customer on first
 * contact), then classified and routed in the same transaction.
 */
export async function submitPublicTicket(ctx: Ctx, rawInput: unknown): Promise<Ticket> {
  authorize(ctx.actor, "ticket:create");
  const input = parseInput(publicIntakeInput, rawInput);
  const settings = await getWorkspaceSettings(ctx);
  if (!settings.publicIntake) {
    throw forbidden(
      "This help desk does not accept tickets through the public API; sign in or use the portal instead.",
      "intake.disabled",
    );
  }
  return createTicket(
    ctx,
    { subject: input.subject, description: input.message, requester: input.customerEmail, channel: "api" },
    { route: true },
  );
}
