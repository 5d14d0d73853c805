import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { agentView, customerView } from "../../../common/api/people.js";
import { pageOf } from "../../../common/api/tickets.js";
import {
  AGENT_ROLES,
  availabilityInput,
  CUSTOMER_ROLES,
  convertCustomerInput,
  createAgentInput,
  createCustomerInput,
  type Helpdesk,
  updateAgentInput,
  updateCustomerInput,
} from "../../lib/index.js";
import { presentAgent, presentCustomer } from "../presenters/people.js";
import { authOf, deskFor } from "../request-desk.js";
import { companyAndTeamRoutes } from "./people-groups.js";
import { idParam, pageQuery } from "./route-schemas.js";

const agentsQuery = z
  .object({
    role: z.enum(AGENT_ROLES).optional(),
    active: z.enum(["true", "false"]).optional().describe("only active (true) or deactivated (false) agents"),
    ...pageQuery,
  })
  .strict();

const customersQuery = z
  .object({
    company: z.string().trim().min(1).max(320).optional().describe("company id or name"),
    q: z.string().trim().min(1).max(320).optional().describe("email starts with"),
    role: z.enum(CUSTOMER_ROLES).optional(),
    ...pageQuery,
  })
  .strict();

/** People: agents and customers (`/api/v1/agents`, `/api/v1/customers`); companies and teams beside them. */
export const peopleRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const agents = ["agents"];
  const customers = ["customers"];

  app.get(
    "/api/v1/agents",
    {
      config: { access: "staff" },
      schema: {
        tags: agents,
        summary: "Agents by name",
        querystring: agentsQuery,
        response: { 200: pageOf(agentView) },
      },
    },
    async (request) => {
      const { active, ...rest } = request.query;
      const page = await (await deskFor(desk, request)).people.listAgents({
        ...rest,
        ...(active ? { active: active === "true" } : {}),
      });
      const auth = authOf(request);
      return { items: page.items.map((a) => presentAgent(a, auth)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/agents/:id",
    {
      config: { access: "staff" },
      schema: { tags: agents, summary: "One agent", params: idParam, response: { 200: agentView } },
    },
    async (request) =>
      presentAgent(await (await deskFor(desk, request)).people.getAgent(request.params.id), authOf(request)),
  );

  app.post(
    "/api/v1/agents",
    {
      config: { access: "manager" },
      schema: {
        tags: agents,
        summary: "Add an agent (only a superadmin adds a superadmin)",
        body: createAgentInput,
        response: { 201: agentView },
      },
    },
    async (request, reply) => {
      const agent = await (await deskFor(desk, request)).people.createAgent(request.body);
      return reply.code(201).send(presentAgent(agent, authOf(request)));
    },
  );

  app.patch(
    "/api/v1/agents/:id",
    {
      config: { access: "manager" },
      schema: {
        tags: agents,
        summary:
          "Change name, role, active, skills, teamsOnly, capacity, availability or awayUntil (role and active changes are audited)",
        params: idParam,
        body: updateAgentInput,
        response: { 200: agentView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentAgent(await d.people.updateAgent(request.params.id, request.body), authOf(request));
    },
  );

  app.put(
    "/api/v1/me/availability",
    {
      config: { access: "staff" },
      schema: {
        tags: agents,
        summary: "Set your own availability (awayUntil only with out_of_office, in the future)",
        body: availabilityInput,
        response: { 200: agentView },
      },
    },
    async (request) =>
      presentAgent(await (await deskFor(desk, request)).people.setAvailability(request.body), authOf(request)),
  );

  app.get(
    "/api/v1/customers",
    {
      config: { access: "staff" },
      schema: {
        tags: customers,
        summary: "Customers by email, optionally of one company or by email prefix",
        querystring: customersQuery,
        response: { 200: pageOf(customerView) },
      },
    },
    async (request) => {
      const page = await (await deskFor(desk, request)).people.listCustomers(request.query);
      const auth = authOf(request);
      return { items: page.items.map((c) => presentCustomer(c, auth)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/customers/:id",
    {
      config: { access: "authenticated" },
      schema: {
        tags: customers,
        summary: "One customer (customers may read only themselves)",
        params: idParam,
        response: { 200: customerView },
      },
    },
    async (request) =>
      presentCustomer(await (await deskFor(desk, request)).people.getCustomer(request.params.id), authOf(request)),
  );

  app.post(
    "/api/v1/customers",
    {
      config: { access: "staff" },
      schema: {
        tags: customers,
        summary: "Add a customer (joins the company owning their email domain)",
        body: createCustomerInput,
        response: { 201: customerView },
      },
    },
    async (request, reply) => {
      const customer = await (await deskFor(desk, request)).people.createCustomer(request.body);
      return reply.code(201).send(presentCustomer(customer, authOf(request)));
    },
  );

  app.patch(
    "/api/v1/customers/:id",
    {
      config: { access: "staff" },
      schema: {
        tags: customers,
        summary: "Change name or company",
        params: idParam,
        body: updateCustomerInput,
        response: { 200: customerView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentCustomer(await d.people.updateCustomer(request.params.id, request.body), authOf(request));
    },
  );

  app.post(
    "/api/v1/customers/:id/convert",
    {
      config: { access: "manager" },
      schema: {
        tags: customers,
        summary: "Convert an individual customer into a company user (audited)",
        params: idParam,
        body: convertCustomerInput,
        response: { 200: customerView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentCustomer(await d.people.convertCustomer(request.params.id, request.body), authOf(request));
    },
  );

  await app.register(companyAndTeamRoutes, { desk });
};
