import type { Ctx } from "../../core/kernel/index.js";
import type { NotifyEnv } from "../../core/notifications/index.js";
import * as notify from "../../core/notifications/index.js";
import type { Mutation } from "./people.js";

/**
 * Slack: the interactions endpoint's handler. The request's signature is its
 * credential; the change is made as the agent whose email the Slack user has,
 * whatever actor the desk is bound to (the HTTP route binds a system actor).
 */
export function slackServices(_ctx: Ctx, mutation: Mutation, env: NotifyEnv) {
  return {
    /** Whether SLACK_SIGNING_SECRET is set (the endpoint answers 503 otherwise). */
    interactionsEnabled: () => Boolean(env.slackSigningSecret),
    /**
     * Verifies (signature, 5-minute timestamp) and handles one block_actions request; the answer
     * Slack shows the clicker, or null when there is nothing to say.
     */
    interaction: mutation((c, req: notify.SlackInteractionRequest) =>
      notify.handleSlackInteraction(c.db, c.clock, env, req),
    ),
  };
}
