import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { reportView } from "../../../common/api/reports.js";
import type { Helpdesk } from "../../lib/index.js";
import { presentReport } from "../presenters/admin.js";
import { deskFor } from "../request-desk.js";

/** Seed 002's summary report (`/api/v1/reports/summary`). */
export const reportRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/v1/reports/summary",
    {
      config: { access: "staff" },
      schema: {
        tags: ["reports"],
        summary: "Opened, resolved, resolution time, SLA breach rate and open load over the last `days` days",
        querystring: z
          .object({ days: z.coerce.number().int().min(1).max(3660).optional().describe("default 7") })
          .strict(),
        response: { 200: reportView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentReport(await d.reports.generate(request.query.days ? { days: request.query.days } : {}));
    },
  );
};
