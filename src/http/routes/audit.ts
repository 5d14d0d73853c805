import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditEntryView } from "../../../common/api/audit.js";
import { pageOf } from "../../../common/api/tickets.js";
import type { Helpdesk } from "../../lib/index.js";
import { presentAuditEntry } from "../presenters/admin.js";
import { deskFor } from "../request-desk.js";
import { pageQuery } from "./route-schemas.js";

const auditQuery = z
  .object({
    action: z.string().max(100).optional().describe("an action (`agent.role_changed`) or a prefix ending in `*`"),
    actor: z.string().max(320).optional().describe("the acting person's id or email"),
    from: z.string().max(40).optional().describe("ISO-8601 date or timestamp: at or after"),
    to: z.string().max(40).optional().describe("ISO-8601 date or timestamp: before"),
    ...pageQuery,
  })
  .strict();

/** The workspace's audit log (`/api/v1/audit`), superadmins only. */
export const auditRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/v1/audit",
    {
      config: { access: "superadmin" },
      schema: {
        tags: ["audit"],
        summary: "Audit log, newest first: sign-ins, MFA, tokens, role and settings changes",
        querystring: auditQuery,
        response: { 200: pageOf(auditEntryView) },
      },
    },
    async (request) => {
      const page = await (await deskFor(desk, request)).audit.list(request.query);
      return { items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor };
    },
  );
};
