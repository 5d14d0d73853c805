import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { slaPolicyView, ticketSlaView } from "../../../common/api/sla.js";
import { pageOf } from "../../../common/api/tickets.js";
import { createPolicyInput, DEFAULT_POLICY, type Helpdesk, updatePolicyInput } from "../../lib/index.js";
import { presentSlaPolicy, presentTicketSla } from "../presenters/sla.js";
import { authOf, deskFor } from "../request-desk.js";

const policyParam = z
  .object({ ref: z.string().trim().min(1).max(200).describe("policy id, or name (case-insensitive)") })
  .strict();
const ticketParam = z.object({ ref: z.string().min(1).max(100).describe("TKT-1001, 1001 or the ticket id") }).strict();

/** Calendar names by id, for presenting which calendar a policy counts business hours in. */
async function calendarNames(d: Helpdesk): Promise<Map<string, string>> {
  const page = await d.calendars.list();
  return new Map(page.items.map((c) => [c.id, c.name]));
}

/**
 * SLA policies (`/api/v1/sla/policies`): every agent reads them, managers and
 * superadmins change them; the list ends with the built-in default that
 * applies when no policy matches. A ticket's clocks are at
 * `/api/v1/tickets/:ref/sla/clocks` (staff only; the seed 002 snapshot stays at `/sla`).
 */
export const slaRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["sla"];
  const one = { 200: slaPolicyView };
  const present = async (d: Helpdesk, request: FastifyRequest, p: Parameters<typeof presentSlaPolicy>[0]) =>
    presentSlaPolicy(p, authOf(request), p.calendarId ? await calendarNames(d) : new Map());

  app.get(
    "/api/v1/sla/policies",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "SLA policies in the order they are tried; the built-in default (applies when none matches) last",
        response: { 200: pageOf(slaPolicyView) },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const policies = await d.sla.policies.list();
      const names = policies.some((p) => p.calendarId) ? await calendarNames(d) : new Map<string, string>();
      const auth = authOf(request);
      return { items: [...policies, DEFAULT_POLICY].map((p) => presentSlaPolicy(p, auth, names)), nextCursor: null };
    },
  );

  app.post(
    "/api/v1/sla/policies",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Add an SLA policy (last unless `position` is given); open tickets are re-evaluated",
        body: createPolicyInput,
        response: { 201: slaPolicyView },
      },
    },
    async (request, reply) => {
      const d = await deskFor(desk, request);
      const policy = await d.sla.policies.create(request.body);
      return reply.code(201).send(await present(d, request, policy));
    },
  );

  app.get(
    "/api/v1/sla/policies/:ref",
    { config: { access: "staff" }, schema: { tags, summary: "One SLA policy", params: policyParam, response: one } },
    async (request) => {
      const d = await deskFor(desk, request);
      return present(d, request, await d.sla.policies.get(request.params.ref));
    },
  );

  app.patch(
    "/api/v1/sla/policies/:ref",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Change a policy; open tickets are re-evaluated (time already spent stays spent)",
        params: policyParam,
        body: updatePolicyInput,
        response: one,
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return present(d, request, await d.sla.policies.update(request.params.ref, request.body));
    },
  );

  app.delete(
    "/api/v1/sla/policies/:ref",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Delete a policy; its tickets move to the next policy that matches (or the default)",
        params: policyParam,
        response: { 200: z.object({ deleted: z.string(), reevaluated: z.number().int() }) },
      },
    },
    async (request) => (await deskFor(desk, request)).sla.policies.delete(request.params.ref),
  );

  app.get(
    "/api/v1/tickets/:ref/sla/clocks",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "The ticket's SLA policy and clocks (first response, next response, resolution), measured now",
        params: ticketParam,
        response: { 200: ticketSlaView },
      },
    },
    async (request) => presentTicketSla(await (await deskFor(desk, request)).sla.forTicket(request.params.ref)),
  );
};
