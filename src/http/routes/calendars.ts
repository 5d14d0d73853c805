import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { calendarView, importHolidaysView } from "../../../common/api/calendars.js";
import { pageOf } from "../../../common/api/tickets.js";
import { createCalendarInput, type Helpdesk, importHolidaysInput, updateCalendarInput } from "../../lib/index.js";
import { presentCalendar, presentImportHolidays } from "../presenters/calendars.js";
import { authOf, deskFor } from "../request-desk.js";

const calendarParam = z
  .object({ id: z.string().trim().min(1).max(200).describe("calendar id, or name (case-insensitive)") })
  .strict();

/**
 * Business-hours calendars (`/api/v1/calendars`): every agent reads them, managers and
 * superadmins change them. Who may do what is decided in the engine (core/calendars).
 */
export const calendarRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["calendars"];
  const one = { 200: calendarView };

  app.get(
    "/api/v1/calendars",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "The workspace's business-hours calendars, the default first",
        response: { 200: pageOf(calendarView) },
      },
    },
    async (request) => {
      const page = await (await deskFor(desk, request)).calendars.list();
      const auth = authOf(request);
      return { items: page.items.map((c) => presentCalendar(c, auth)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/api/v1/calendars",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Add a calendar (the workspace's first one becomes its default)",
        body: createCalendarInput,
        response: { 201: calendarView },
      },
    },
    async (request, reply) => {
      const calendar = await (await deskFor(desk, request)).calendars.create(request.body);
      return reply.code(201).send(presentCalendar(calendar, authOf(request)));
    },
  );

  app.get(
    "/api/v1/calendars/:id",
    { config: { access: "staff" }, schema: { tags, summary: "One calendar", params: calendarParam, response: one } },
    async (request) =>
      presentCalendar(await (await deskFor(desk, request)).calendars.get(request.params.id), authOf(request)),
  );

  app.patch(
    "/api/v1/calendars/:id",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Rename, or replace the time zone, the week of hours or the holiday list",
        params: calendarParam,
        body: updateCalendarInput,
        response: one,
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentCalendar(await d.calendars.update(request.params.id, request.body), authOf(request));
    },
  );

  app.delete(
    "/api/v1/calendars/:id",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Delete a calendar no SLA policy uses; answers the deleted calendar",
        params: calendarParam,
        response: one,
      },
    },
    async (request) =>
      presentCalendar(await (await deskFor(desk, request)).calendars.delete(request.params.id), authOf(request)),
  );

  app.post(
    "/api/v1/calendars/:id/default",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Make this the workspace's default calendar",
        params: calendarParam,
        response: one,
      },
    },
    async (request) =>
      presentCalendar(await (await deskFor(desk, request)).calendars.setDefault(request.params.id), authOf(request)),
  );

  app.post(
    "/api/v1/calendars/:id/holidays/import",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Add the holidays of an iCalendar (.ics) feed, or replace the list with them",
        params: calendarParam,
        body: importHolidaysInput,
        response: { 200: importHolidaysView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const { ics, replace } = request.body;
      return presentImportHolidays(
        await d.calendars.importHolidays(request.params.id, ics, { replace }),
        authOf(request),
      );
    },
  );
};
