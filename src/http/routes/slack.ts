import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Helpdesk, systemActor } from "../../lib/index.js";
import { HttpError } from "../plugins/access.js";

/**
 * Slack's Interactivity Request URL: `POST /api/v1/slack/interactions`. Slack
 * posts `application/x-www-form-urlencoded` with a `payload` field, signed with
 * the app's signing secret (X-Slack-Signature over the RAW body, with
 * X-Slack-Request-Timestamp). That signature is the route's only credential.
 */

const FORM = "application/x-www-form-urlencoded";
/** Slack's interaction payloads are a few KB; a generous cap for big messages. */
const BODY_LIMIT = 1024 * 1024;

const answerView = z
  .object({
    response_type: z.literal("ephemeral"),
    text: z.string(),
    replace_original: z.literal(false).optional(),
  })
  .describe("What Slack shows the person who clicked (only them)");

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
};

export const slackRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const slack = desk.as(systemActor("slack-interactions")).notifications.slack;

  // This scope keeps the raw form body: the signature is computed over its exact bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(FORM, { parseAs: "string", bodyLimit: BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    "/api/v1/slack/interactions",
    {
      bodyLimit: BODY_LIMIT,
      config: { access: "public", ownCredentials: true },
      schema: {
        tags: ["notifications"],
        summary: "Slack interactive buttons (Update status, Resolve, Assign to me) from notification DMs",
        description:
          "Set this URL as the Slack app's Interactivity Request URL. Slack signs each request with the app's " +
          "Signing Secret (SLACK_SIGNING_SECRET): `X-Slack-Signature: v0=<HMAC-SHA256 of v0:<timestamp>:<raw body>>` " +
          "and `X-Slack-Request-Timestamp`. The clicking Slack user acts as the active agent with the same email. " +
          "401 for a missing or bad signature or a timestamp more than 5 minutes off; 503 when " +
          "SLACK_SIGNING_SECRET is not set. A refused change answers 200 with its reason for the clicker.",
        security: [],
        response: { 200: answerView, 204: z.null().describe("Nothing to say (a link button)") },
      },
      // Before the body is read: no secret, or no signature headers, and nothing is buffered.
      preParsing: async (request) => {
        if (!slack.interactionsEnabled()) {
          throw new HttpError(
            503,
            "slack.not_configured",
            "Slack interactions are off: set SLACK_SIGNING_SECRET to the Slack app's Signing Secret.",
          );
        }
        if (!header(request, "x-slack-signature") || !header(request, "x-slack-request-timestamp")) {
          throw new HttpError(
            401,
            "slack.signature_missing",
            "Missing Slack signature headers: X-Slack-Request-Timestamp and X-Slack-Signature are required.",
          );
        }
      },
    },
    async (request, reply) => {
      const body = typeof request.body === "string" ? request.body : "";
      const answer = await slack.interaction({
        body,
        timestamp: header(request, "x-slack-request-timestamp"),
        signature: header(request, "x-slack-signature"),
      });
      if (!answer) return reply.code(204).send(null);
      return reply.code(200).send(answer);
    },
  );
};
