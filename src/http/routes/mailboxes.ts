import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { mailboxChangeView, mailboxRemovalView, mailboxTestView, mailboxView } from "../../../common/api/email.js";
import { pageOf } from "../../../common/api/tickets.js";
import { addMailboxInput, type Helpdesk, updateMailboxInput } from "../../lib/index.js";
import {
  presentMailbox,
  presentMailboxChange,
  presentMailboxRemoval,
  presentMailboxTest,
} from "../presenters/mailboxes.js";
import { deskFor } from "../request-desk.js";

const mailboxParam = z
  .object({ mailbox: z.string().trim().min(1).max(320).describe("mailbox id, or its address") })
  .strict();

/**
 * Mailboxes (`/api/v1/email/mailboxes`): the addresses the desk receives mail
 * for, their IMAP settings and HTTP door, and "test connection". Managers and
 * superadmins; who may do what is decided in the engine (core/channels/email).
 */
export const mailboxRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["email"];
  const config = { access: "manager" as const };

  app.get(
    "/api/v1/email/mailboxes",
    {
      config,
      schema: { tags, summary: "The workspace's mailboxes, by address", response: { 200: pageOf(mailboxView) } },
    },
    async (request) => {
      const page = await (await deskFor(desk, request)).email.mailboxes.list();
      return { items: page.items.map(presentMailbox), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/api/v1/email/mailboxes",
    {
      config,
      schema: {
        tags,
        summary: "Add a mailbox (with `httpSecret: true`, its HTTP inbound secret is answered this once)",
        body: addMailboxInput,
        response: { 201: mailboxChangeView },
      },
    },
    async (request, reply) => {
      const change = await (await deskFor(desk, request)).email.mailboxes.add(request.body);
      return reply.code(201).send(presentMailboxChange(change));
    },
  );

  app.get(
    "/api/v1/email/mailboxes/:mailbox",
    { config, schema: { tags, summary: "One mailbox", params: mailboxParam, response: { 200: mailboxView } } },
    async (request) => presentMailbox(await (await deskFor(desk, request)).email.mailboxes.get(request.params.mailbox)),
  );

  app.patch(
    "/api/v1/email/mailboxes/:mailbox",
    {
      config,
      schema: {
        tags,
        summary: "Change a mailbox; the IMAP password only when given; `rotateSecret: true` issues a new HTTP secret",
        params: mailboxParam,
        body: updateMailboxInput,
        response: { 200: mailboxChangeView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentMailboxChange(await d.email.mailboxes.update(request.params.mailbox, request.body));
    },
  );

  app.delete(
    "/api/v1/email/mailboxes/:mailbox",
    {
      config,
      schema: {
        tags,
        summary: "Remove a mailbox: deleted, or disabled when stored mail refers to it (the answer says which)",
        params: mailboxParam,
        response: { 200: mailboxRemovalView },
      },
    },
    async (request) =>
      presentMailboxRemoval(await (await deskFor(desk, request)).email.mailboxes.remove(request.params.mailbox)),
  );

  app.post(
    "/api/v1/email/mailboxes/:mailbox/test",
    {
      config,
      schema: {
        tags,
        summary: "Test connection: what the IMAP and SMTP servers answer (a failure is 200 with ok: false)",
        params: mailboxParam,
        response: { 200: mailboxTestView },
      },
    },
    async (request) =>
      presentMailboxTest(await (await deskFor(desk, request)).email.mailboxes.test(request.params.mailbox)),
  );
};
