import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Helpdesk, isDomainError, systemActor } from "../../lib/index.js";
import { HttpError } from "../plugins/access.js";

/**
 * The HTTP inbound door: `POST /api/v1/email/inbound` takes one raw RFC 5322
 * message as the body (for mail providers' inbound webhooks and scripts). The
 * caller proves which mailbox it delivers for with that mailbox's inbound
 * secret, in `X-Helpline-Inbound-Secret` or as `Authorization: Bearer`. The
 * message is stored before the 202; parsing and ticketing follow as background work.
 */

const SECRET_HEADER = "x-helpline-inbound-secret";
const RAW_TYPES = ["message/rfc822", "text/plain", "application/octet-stream"];

const acceptedView = z
  .object({
    ids: z.array(z.string()).describe("ids of the stored inbound messages (one per workspace)"),
    status: z.literal("queued"),
  })
  .describe("Stored; parsing and ticketing follow in the background");

/** The secret a request presents, if any. */
function presentedSecret(request: FastifyRequest): string | undefined {
  const header = request.headers[SECRET_HEADER];
  const value = Array.isArray(header) ? header[0] : header;
  if (value?.trim()) return value.trim();
  const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  return m?.[1];
}

export const emailInboundRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const system = desk.as(systemActor("email-http"));
  const maxBytes = system.email.limits.maxMessageBytes;
  const mailboxOf = new WeakMap<FastifyRequest, string>();

  // This scope reads bodies as raw bytes, up to the email size limit (not the JSON limit).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(RAW_TYPES, { parseAs: "buffer", bodyLimit: maxBytes }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    "/api/v1/email/inbound",
    {
      bodyLimit: maxBytes,
      config: { access: "public", ownCredentials: true },
      schema: {
        tags: ["email"],
        summary: "Deliver one raw email (MIME) to a mailbox",
        description:
          "The body is the message exactly as received (`Content-Type: message/rfc822`, `text/plain` or " +
          "`application/octet-stream`). Authenticate with the mailbox's inbound secret in " +
          "`X-Helpline-Inbound-Secret` (or `Authorization: Bearer <secret>`). The message is stored before the " +
          `202 answer and parsed later. 401 for a missing or wrong secret, 413 above ${maxBytes} bytes, ` +
          "400 for an empty body. Rate-limited per client like every route.",
        security: [],
        response: { 202: acceptedView },
      },
      // Before the body is read: an unknown caller cannot make us buffer 25 MiB.
      preParsing: async (request) => {
        const secret = presentedSecret(request);
        if (!secret) {
          throw new HttpError(
            401,
            "email.inbound_secret_required",
            "Send the mailbox's inbound secret in the X-Helpline-Inbound-Secret header (or as Authorization: Bearer).",
          );
        }
        const mailbox = await system.email.mailboxForInboundSecret(secret);
        if (!mailbox) {
          throw new HttpError(
            401,
            "email.inbound_secret_invalid",
            "This inbound secret belongs to no enabled mailbox; check the secret shown when the mailbox was set up.",
          );
        }
        mailboxOf.set(request, mailbox.id);
      },
    },
    async (request, reply) => {
      const mailboxId = mailboxOf.get(request);
      if (!mailboxId) throw new HttpError(401, "email.inbound_secret_required", "Send the mailbox's inbound secret.");
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (raw.length === 0) {
        throw new HttpError(
          400,
          "email.empty",
          "The body is empty: send the raw message (RFC 5322) as the body.",
          "body",
        );
      }
      try {
        const stored = await system.email.receive(raw, { source: "http", mailboxId });
        return reply.code(202).send({ ids: stored.map((s) => s.id), status: "queued" as const });
      } catch (err) {
        if (isDomainError(err) && err.code === "email.too_large") throw new HttpError(413, err.code, err.message);
        throw err;
      }
    },
  );
};
