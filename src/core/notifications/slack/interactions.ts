/**
 * Slack's interactive buttons (block_actions) from a notification DM: Update
 * status, Resolve, Assign to me. The request is Slack's when its signature
 * checks out; the clicking Slack user is mapped by email to an active agent of
 * the ticket's workspace, and the change is made AS that agent through the
 * normal ticket commands (status machine, authorisation, timeline, events).
 */
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type AgentRole, TICKET_STATUSES, type TicketStatus } from "../../../../common/enums.js";
import type { Db } from "../../../db/connection.js";
import { agents, tickets } from "../../../db/schema/index.js";
import { type Clock, type Ctx, DomainError, isDomainError, isUuid } from "../../kernel/index.js";
import { assignTicket, type Ticket, updateStatus } from "../../tickets/index.js";
import type { NotifyEnv } from "../types.js";
import { SLACK_ACTIONS, statusLabel } from "./blocks.js";
import { cachedEmailOf } from "./slack-dm.js";
import { verifySlackSignature } from "./verify-signature.js";

/** What Slack shows the clicking person (only them: ephemeral). */
export interface SlackAnswer {
  response_type: "ephemeral";
  text: string;
  replace_original?: false;
}

export interface SlackInteractionRequest {
  /** The raw body (application/x-www-form-urlencoded with a `payload` field). */
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** Slack wants the HTTP answer within 3 s: the response_url post gets less than that. */
const RESPONSE_URL_TIMEOUT_MS = 2_000;

export const NOT_AN_AGENT = "Your Slack account's email is not an agent of this desk.";

const actionSchema = z.object({
  action_id: z.string(),
  value: z.string().optional(),
  selected_option: z.object({ value: z.string() }).nullish(),
});

const payloadSchema = z.object({
  type: z.string(),
  user: z.object({ id: z.string().min(1) }).optional(),
  actions: z.array(actionSchema).optional(),
  /** Where Slack takes messages for the clicker (block_actions ignore the HTTP answer's body). */
  response_url: z
    .string()
    .regex(/^https?:\/\//)
    .optional(),
});

type SlackAction = z.infer<typeof actionSchema>;

const answer = (text: string): SlackAnswer => ({ response_type: "ephemeral", text, replace_original: false });

function parsePayload(body: string): z.infer<typeof payloadSchema> {
  const raw = new URLSearchParams(body).get("payload");
  if (!raw) throw new DomainError("validation", "slack.payload_missing", "The form has no `payload` field.", "payload");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new DomainError("validation", "slack.payload_invalid", "The `payload` field is not JSON.", "payload");
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    throw new DomainError(
      "validation",
      "slack.payload_invalid",
      "The `payload` is not a Slack interaction.",
      "payload",
    );
  }
  return parsed.data;
}

/** What the click asks for: the ticket id and, for the status menu, the status chosen. */
function intentOf(action: SlackAction): { ticketId: string; status?: TicketStatus } | undefined {
  if (action.action_id === SLACK_ACTIONS.status) {
    const [ticketId, status] = (action.selected_option?.value ?? "").split(":");
    if (!ticketId || !isUuid(ticketId) || !(TICKET_STATUSES as readonly string[]).includes(status ?? "")) return;
    return { ticketId, status: status as TicketStatus };
  }
  if (action.action_id === SLACK_ACTIONS.resolve || action.action_id === SLACK_ACTIONS.assignMe) {
    const ticketId = action.value?.trim();
    return ticketId && isUuid(ticketId) ? { ticketId } : undefined;
  }
  return undefined;
}

/** The clicking Slack user's email: from our lookups first, else users.info. */
async function emailOf(db: Db, env: NotifyEnv, workspaceId: string, slackUserId: string): Promise<string | null> {
  const known = await cachedEmailOf(db, workspaceId, slackUserId);
  if (known) return known;
  if (!env.slack?.userEmail) return null;
  return env.slack.userEmail(slackUserId);
}

async function agentActor(db: Db, workspaceId: string, email: string) {
  const [agent] = await db
    .select({ id: agents.id, role: agents.role })
    .from(agents)
    .where(
      and(
        eq(agents.workspaceId, workspaceId),
        eq(agents.active, true),
        sql`lower(${agents.email}) = ${email.trim().toLowerCase()}`,
      ),
    );
  return agent ? { type: "agent" as const, id: agent.id, role: agent.role as AgentRole } : undefined;
}

async function act(ctx: Ctx, action: SlackAction, ticketId: string, status?: TicketStatus): Promise<string> {
  let ticket: Ticket;
  if (action.action_id === SLACK_ACTIONS.assignMe) {
    ticket = await assignTicket(ctx, ticketId, { assignee: ctx.actor.type === "agent" ? ctx.actor.id : null });
    return `${ticket.number} is now assigned to you (${statusLabel(ticket.status)}).`;
  }
  const to = action.action_id === SLACK_ACTIONS.resolve ? "resolved" : status;
  ticket = await updateStatus(ctx, ticketId, { status: to });
  return `${ticket.number} is now ${statusLabel(ticket.status)}.`;
}

/**
 * Verifies and handles one interaction request. Answers the message Slack
 * shows the clicker, or null when there is nothing to say (a link button, an
 * interaction of another kind). Throws DomainError `unauthenticated` for a bad
 * signature, `slack.not_configured` without a signing secret.
 */
export async function handleSlackInteraction(
  db: Db,
  clock: Clock,
  env: NotifyEnv,
  req: SlackInteractionRequest,
): Promise<SlackAnswer | null> {
  if (!env.slackSigningSecret) {
    throw new DomainError(
      "conflict",
      "slack.not_configured",
      "Slack interactions are off: set SLACK_SIGNING_SECRET to the Slack app's Signing Secret.",
    );
  }
  verifySlackSignature({
    signingSecret: env.slackSigningSecret,
    timestamp: req.timestamp,
    signature: req.signature,
    body: req.body,
    now: clock.now(),
  });
  const payload = parsePayload(req.body);
  if (payload.type !== "block_actions" || !payload.user) return null;
  const action = payload.actions?.find((a) => intentOf(a));
  const intent = action && intentOf(action);
  if (!action || !intent) return null;

  const [ticket] = await db
    .select({ workspaceId: tickets.workspaceId })
    .from(tickets)
    .where(eq(tickets.id, intent.ticketId));
  if (!ticket) return answer("That ticket no longer exists.");
  const email = await emailOf(db, env, ticket.workspaceId, payload.user.id);
  const actor = email ? await agentActor(db, ticket.workspaceId, email) : undefined;
  if (!actor) {
    if (payload.response_url) await tellClicker(env, payload.response_url, answer(NOT_AN_AGENT));
    return answer(NOT_AN_AGENT);
  }

  const ctx: Ctx = { actor, workspaceId: ticket.workspaceId, db, clock };
  let said: SlackAnswer;
  try {
    said = answer(await act(ctx, action, intent.ticketId, intent.status));
  } catch (err) {
    if (!isDomainError(err)) throw err;
    said = answer(`Not done: ${err.message}`);
  }
  if (payload.response_url) await tellClicker(env, payload.response_url, said);
  return said;
}

/** Posts the answer to the interaction's response_url (best effort: the HTTP answer carries it too). */
async function tellClicker(env: NotifyEnv, url: string, said: SlackAnswer): Promise<void> {
  await env
    .http(url, JSON.stringify(said), { "content-type": "application/json; charset=utf-8" }, RESPONSE_URL_TIMEOUT_MS)
    .catch(() => undefined);
}
