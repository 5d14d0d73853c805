import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  inboundOriginalView,
  inboundSummaryView,
  listInboundQuery,
  messageLocationView,
  moveEntryBody,
  retriedInboundView,
  splitEntryBody,
} from "../../../common/api/email.js";
import { pageOf, ticketView } from "../../../common/api/tickets.js";
import type { Helpdesk } from "../../lib/index.js";
import { presentTicket } from "../presenters/ticket.js";
import { authOf, deskFor } from "../request-desk.js";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const messageParam = z
  .object({ messageId: z.string().min(1).max(3000).describe("the Message-ID, URL-encoded, with or without <>") })
  .strict();
const inboundParam = z.object({ id: z.string().trim().min(1).max(100).describe("inbound message id") }).strict();
const entryParams = z
  .object({
    ref: z.string().min(1).max(100).describe("TKT-1001, 1001 or the ticket id"),
    entryId: z.string().trim().min(1).max(100).describe("timeline entry id"),
  })
  .strict();
const attachmentParams = z
  .object({
    ref: z.string().min(1).max(100).describe("TKT-1001, 1001 or the ticket id"),
    blobId: z.string().trim().min(1).max(100).describe("the attachment's storageKey"),
  })
  .strict();

/** Raster images a browser shows inline; everything else (SVG included) downloads. */
const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp"]);

/** `Content-Disposition` with an RFC 5987 UTF-8 name and a plain ASCII fallback. */
export function contentDisposition(kind: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

type Summary = Awaited<ReturnType<Helpdesk["email"]["inbound"]["list"]>>["items"][number];
const presentSummary = (s: Summary) => ({
  ...s,
  receivedAt: s.receivedAt.toISOString(),
  processedAt: iso(s.processedAt),
  nextAttemptAt: iso(s.nextAttemptAt),
});

/**
 * Where a message went and why (`/api/v1/email/messages/:messageId`, agents),
 * stored inbound messages and retries (managers; originals: agents), moving
 * and splitting a message, and attachment downloads.
 */
export const emailRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["email"];

  app.get(
    "/api/v1/email/messages/:messageId",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Which ticket a Message-ID is in, and the rule that put it there",
        params: messageParam,
        response: { 200: messageLocationView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const { delivery, ...loc } = await d.email.whereIs(request.params.messageId);
      return {
        ...loc,
        at: loc.at.toISOString(),
        ...(delivery ? { delivery: { ...delivery, sentAt: iso(delivery.sentAt) } } : {}),
      };
    },
  );

  app.get(
    "/api/v1/email/inbound",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Stored inbound messages, newest first (?status=failed for what needs a look)",
        querystring: listInboundQuery,
        response: { 200: pageOf(inboundSummaryView) },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const page = await d.email.inbound.list(request.query);
      return { items: page.items.map(presentSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/email/inbound/:id",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "The stored original: headers, full text and sanitised HTML",
        params: inboundParam,
        response: { 200: inboundOriginalView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const o = await d.email.inbound.get(request.params.id);
      return {
        ...presentSummary(o),
        headers: o.headers,
        rawSize: o.rawSize,
        parsed: o.parsed ? { ...o.parsed, date: iso(o.parsed.date) } : null,
        parseError: o.parseError,
      };
    },
  );

  app.post(
    "/api/v1/email/inbound/:id/retry",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Run a failed or ignored message through the pipeline again",
        params: inboundParam,
        response: { 200: retriedInboundView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const r = await d.email.inbound.retry(request.params.id);
      return { ...r, nextAttemptAt: r.nextAttemptAt.toISOString() };
    },
  );

  const moved = z.object({
    entryId: z.string(),
    from: ticketView.partial().passthrough(),
    to: ticketView.partial().passthrough(),
  });

  app.post(
    "/api/v1/tickets/:ref/entries/:entryId/move",
    {
      config: { access: "staff" },
      schema: {
        tags: ["tickets"],
        summary: "Move a message to another ticket (its Message-IDs and attachments follow)",
        params: entryParams,
        body: moveEntryBody,
        response: { 200: moved },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const r = await d.email.moveEntry(request.params.ref, request.params.entryId, request.body.ticket);
      const auth = authOf(request);
      return { entryId: r.entryId, from: presentTicket(r.from, auth), to: presentTicket(r.to, auth) };
    },
  );

  app.post(
    "/api/v1/tickets/:ref/entries/:entryId/split",
    {
      config: { access: "staff" },
      schema: {
        tags: ["tickets"],
        summary: "Split a message off into a new ticket",
        params: entryParams,
        body: splitEntryBody,
        response: { 201: moved },
      },
    },
    async (request, reply) => {
      const d = await deskFor(desk, request);
      const r = await d.email.splitEntry(request.params.ref, request.params.entryId, request.body);
      const auth = authOf(request);
      return reply
        .code(201)
        .send({ entryId: r.entryId, from: presentTicket(r.from, auth), to: presentTicket(r.to, auth) });
    },
  );

  app.get(
    "/api/v1/tickets/:ref/attachments/:blobId",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["tickets"],
        summary: "Download an attachment (served as its sniffed type, sandboxed)",
        params: attachmentParams,
        produces: ["application/octet-stream"],
      },
    },
    async (request, reply) => {
      const d = await deskFor(desk, request);
      const file = await d.email.attachment(request.params.ref, request.params.blobId);
      const inline = INLINE_TYPES.has(file.contentType);
      return reply
        .header("content-type", file.contentType)
        .header("content-length", String(file.data.length))
        .header("content-disposition", contentDisposition(inline ? "inline" : "attachment", file.filename))
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
        .header("cache-control", "private, max-age=300")
        .send(file.data);
    },
  );
};
