import { eq } from "drizzle-orm";
import { agents } from "../../db/schema/index.js";
import { type Ctx, forbidden, invalid } from "../kernel/index.js";
import { getTicket, type TicketRef } from "../tickets/index.js";
import { PRESENCE_STATES, type Presence, type PresenceState, type RealtimeBus, workspaceLiveChannel } from "./types.js";

/**
 * Announces that the calling agent is viewing, typing a reply to, or has left a
 * ticket. Nothing is stored: screens forget a presence they have not heard
 * again for 40 s.
 */
export async function announcePresence(
  ctx: Ctx,
  bus: RealtimeBus | undefined,
  ref: TicketRef,
  state: string,
): Promise<Presence> {
  if (ctx.actor.type !== "agent" || !ctx.actor.id) throw forbidden("Only agents announce presence on a ticket.");
  if (!(PRESENCE_STATES as readonly string[]).includes(state)) {
    throw invalid("presence.state", `state must be one of ${PRESENCE_STATES.join(", ")}`, "state");
  }
  const ticket = await getTicket(ctx, ref);
  const [me] = await ctx.db
    .select({ name: agents.name, email: agents.email })
    .from(agents)
    .where(eq(agents.id, ctx.actor.id));
  const message: Presence = {
    type: "presence",
    ticketId: ticket.id,
    agent: { id: ctx.actor.id, name: me?.name || me?.email || "An agent" },
    state: state as PresenceState,
    at: ctx.clock.now().toISOString(),
  };
  await bus?.publish(workspaceLiveChannel(ctx.workspaceId), { ...message });
  return message;
}

/** Subscribes an agent's screen to the workspace's live updates. Resolves to unsubscribe. */
export async function subscribeLive(
  ctx: Ctx,
  bus: RealtimeBus | undefined,
  onMessage: (message: Record<string, unknown>) => void,
): Promise<() => Promise<void>> {
  if (ctx.actor.type !== "agent") throw forbidden("Live updates are for agents.");
  if (!bus) return async () => undefined;
  return bus.subscribe(workspaceLiveChannel(ctx.workspaceId), onMessage);
}
