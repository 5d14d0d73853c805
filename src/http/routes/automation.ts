import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { firingView, ruleTestView, ruleView } from "../../../common/api/automation.js";
import { pageOf } from "../../../common/api/tickets.js";
import { createRuleInput, type Helpdesk, reorderRulesInput, testRuleInput, updateRuleInput } from "../../lib/index.js";
import { presentFiring, presentRule, presentRuleTest } from "../presenters/automation.js";
import { authOf, deskFor } from "../request-desk.js";
import { pageQuery } from "./route-schemas.js";

const ruleParam = z
  .object({ ref: z.string().trim().min(1).max(200).describe("rule id, or name (case-insensitive)") })
  .strict();
const ticketParam = z.object({ ref: z.string().min(1).max(100).describe("TKT-1001, 1001 or the ticket id") }).strict();
const flag = z.enum(["true", "false"]).transform((v) => v === "true");
const listQuery = z
  .object({
    trigger: z.enum(["event", "time"]).optional().describe("only event rules or only time rules"),
    enabled: flag.optional().describe("only enabled (true) or disabled (false) rules"),
  })
  .strict();
const firingsQuery = z
  .object({
    ticket: z.string().trim().min(1).max(100).optional().describe("firings on this ticket (number or id)"),
    rule: z.string().trim().min(1).max(200).optional().describe("firings of this rule (id or name)"),
    ...pageQuery,
  })
  .strict();

/**
 * Automation rules (`/api/v1/automation/rules`): every agent reads them and
 * the firing log, managers and superadmins change and test them. A dry run
 * (`POST /api/v1/automation/test`) explains whether a rule would fire on a
 * ticket and what it would do, and writes nothing.
 */
export const automationRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["automation"];
  const one = { 200: ruleView };
  /** The rule as it is now, with its counters. */
  const fresh = async (d: Helpdesk, id: string, auth: ReturnType<typeof authOf>) =>
    presentRule(await d.automation.rules.get(id), auth);

  app.get(
    "/api/v1/automation/rules",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Automation rules in firing order, each with how often it fired",
        querystring: listQuery,
        response: { 200: pageOf(ruleView) },
      },
    },
    async (request) => {
      const page = await (await deskFor(desk, request)).automation.rules.list(request.query);
      const auth = authOf(request);
      return { items: page.items.map((r) => presentRule(r, auth)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/api/v1/automation/rules",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Add a rule; its condition, actions, agents, teams and placeholders are checked first",
        body: createRuleInput,
        response: { 201: ruleView },
      },
    },
    async (request, reply) => {
      const d = await deskFor(desk, request);
      const rule = await d.automation.rules.create(request.body);
      return reply.code(201).send(await fresh(d, rule.id, authOf(request)));
    },
  );

  app.put(
    "/api/v1/automation/rules/order",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Set the order rules run in (the rules not listed follow in their current order)",
        body: reorderRulesInput,
        response: { 200: pageOf(ruleView) },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      await d.automation.rules.reorder(request.body.order);
      const page = await d.automation.rules.list();
      const auth = authOf(request);
      return { items: page.items.map((r) => presentRule(r, auth)), nextCursor: null };
    },
  );

  app.get(
    "/api/v1/automation/rules/:ref",
    { config: { access: "staff" }, schema: { tags, summary: "One rule", params: ruleParam, response: one } },
    async (request) => fresh(await deskFor(desk, request), request.params.ref, authOf(request)),
  );

  app.patch(
    "/api/v1/automation/rules/:ref",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Change a rule (only the fields given)",
        params: ruleParam,
        body: updateRuleInput,
        response: one,
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const rule = await d.automation.rules.update(request.params.ref, request.body);
      return fresh(d, rule.id, authOf(request));
    },
  );

  for (const state of ["enable", "disable"] as const) {
    app.post(
      `/api/v1/automation/rules/:ref/${state}`,
      {
        config: { access: "manager" },
        schema: {
          tags,
          summary:
            state === "enable" ? "Turn a rule on (a time rule is scheduled for open tickets)" : "Turn a rule off",
          params: ruleParam,
          response: one,
        },
      },
      async (request) => {
        const d = await deskFor(desk, request);
        const rule = await d.automation.rules[state](request.params.ref);
        return fresh(d, rule.id, authOf(request));
      },
    );
  }

  app.delete(
    "/api/v1/automation/rules/:ref",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Delete a rule; its firings stay in the log under its name. Answers the deleted rule",
        params: ruleParam,
        response: one,
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const before = await d.automation.rules.get(request.params.ref);
      await d.automation.rules.delete(before.id);
      return presentRule(before, authOf(request));
    },
  );

  app.post(
    "/api/v1/automation/test",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary:
          "Dry run: would a rule (saved, or a draft) fire on a ticket now, why, and what would it do; writes nothing",
        body: testRuleInput,
        response: { 200: ruleTestView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentRuleTest(await d.automation.test(request.body.rule, request.body.ticket));
    },
  );

  app.get(
    "/api/v1/automation/firings",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "The firing log, newest first: of the workspace, one ticket or one rule",
        querystring: firingsQuery,
        response: { 200: pageOf(firingView) },
      },
    },
    async (request) => {
      const { ticket, ...opts } = request.query;
      const page = await (await deskFor(desk, request)).automation.firings(ticket, opts);
      return { items: page.items.map(presentFiring), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/tickets/:ref/firings",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "The automation rules and escalation levels that fired on a ticket, newest first",
        params: ticketParam,
        querystring: z.object({ ...pageQuery }).strict(),
        response: { 200: pageOf(firingView) },
      },
    },
    async (request) => {
      const page = await (await deskFor(desk, request)).automation.firings(request.params.ref, request.query);
      return { items: page.items.map(presentFiring), nextCursor: page.nextCursor };
    },
  );
};
