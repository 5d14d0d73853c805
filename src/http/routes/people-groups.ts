import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { companyView, teamView } from "../../../common/api/people.js";
import { pageOf } from "../../../common/api/tickets.js";
import {
  createCompanyInput,
  createTeamInput,
  type Helpdesk,
  teamMembersInput,
  updateCompanyInput,
  updateTeamInput,
} from "../../lib/index.js";
import { presentCompany, presentTeam } from "../presenters/people.js";
import { authOf, deskFor } from "../request-desk.js";
import { idParam, pageQuery } from "./route-schemas.js";

const companiesQuery = z
  .object({ q: z.string().trim().min(1).max(200).optional().describe("name starts with (any case)"), ...pageQuery })
  .strict();
const teamsQuery = z.object({ ...pageQuery }).strict();

/** Companies (`/api/v1/companies`) and teams (`/api/v1/teams`). */
export const companyAndTeamRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const companies = ["companies"];
  const teams = ["teams"];

  app.get(
    "/api/v1/companies",
    {
      config: { access: "staff" },
      schema: {
        tags: companies,
        summary: "Companies by name",
        querystring: companiesQuery,
        response: { 200: pageOf(companyView) },
      },
    },
    async (request) => {
      const page = await (await deskFor(desk, request)).people.listCompanies(request.query);
      const auth = authOf(request);
      return { items: page.items.map((c) => presentCompany(c, auth)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/companies/:id",
    {
      config: { access: "authenticated" },
      schema: {
        tags: companies,
        summary: "One company (company users may read their own)",
        params: idParam,
        response: { 200: companyView },
      },
    },
    async (request) =>
      presentCompany(await (await deskFor(desk, request)).people.getCompany(request.params.id), authOf(request)),
  );

  app.post(
    "/api/v1/companies",
    {
      config: { access: "manager" },
      schema: { tags: companies, summary: "Add a company", body: createCompanyInput, response: { 201: companyView } },
    },
    async (request, reply) => {
      const company = await (await deskFor(desk, request)).people.createCompany(request.body);
      return reply.code(201).send(presentCompany(company, authOf(request)));
    },
  );

  app.patch(
    "/api/v1/companies/:id",
    {
      config: { access: "manager" },
      schema: {
        tags: companies,
        summary: "Change name, domain or ticket sharing (sharing changes are audited)",
        params: idParam,
        body: updateCompanyInput,
        response: { 200: companyView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentCompany(await d.people.updateCompany(request.params.id, request.body), authOf(request));
    },
  );

  app.get(
    "/api/v1/teams",
    {
      config: { access: "staff" },
      schema: { tags: teams, summary: "Teams by name", querystring: teamsQuery, response: { 200: pageOf(teamView) } },
    },
    async (request) => {
      const page = await (await deskFor(desk, request)).people.listTeams(request.query);
      const auth = authOf(request);
      return { items: page.items.map((t) => presentTeam(t, auth)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/teams/:id",
    {
      config: { access: "staff" },
      schema: { tags: teams, summary: "One team with its members", params: idParam, response: { 200: teamView } },
    },
    async (request) =>
      presentTeam(await (await deskFor(desk, request)).people.getTeam(request.params.id), authOf(request)),
  );

  app.post(
    "/api/v1/teams",
    {
      config: { access: "manager" },
      schema: {
        tags: teams,
        summary: "Add a team (the lead becomes a member)",
        body: createTeamInput,
        response: { 201: teamView },
      },
    },
    async (request, reply) => {
      const team = await (await deskFor(desk, request)).people.createTeam(request.body);
      return reply.code(201).send(presentTeam(team, authOf(request)));
    },
  );

  app.patch(
    "/api/v1/teams/:id",
    {
      config: { access: "manager" },
      schema: {
        tags: teams,
        summary: "Change name, lead or categories",
        params: idParam,
        body: updateTeamInput,
        response: { 200: teamView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentTeam(await d.people.updateTeam(request.params.id, request.body), authOf(request));
    },
  );

  app.put(
    "/api/v1/teams/:id/members",
    {
      config: { access: "manager" },
      schema: {
        tags: teams,
        summary: "Replace the member list",
        params: idParam,
        body: teamMembersInput,
        response: { 200: teamView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentTeam(await d.people.setTeamMembers(request.params.id, request.body), authOf(request));
    },
  );
};
