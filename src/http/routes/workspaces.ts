import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { pageOf } from "../../../common/api/tickets.js";
import { createdWorkspaceView, currentWorkspaceView, workspaceView } from "../../../common/api/workspaces.js";
import { type Helpdesk, provisionWorkspaceInput, workspaceSettingsPatch } from "../../lib/index.js";
import { presentCurrentWorkspace, presentWorkspace } from "../presenters/admin.js";
import { authOf, deskFor } from "../request-desk.js";
import { pageQuery } from "./route-schemas.js";

const tags = ["workspaces"];

/** The caller's workspace and its settings; every workspace of the installation for superadmins. */
export const workspaceRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/v1/workspace",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "The caller's workspace: name, ticket prefix and the settings they may see",
        response: { 200: currentWorkspaceView },
      },
    },
    async (request) => {
      const { workspace, settings } = await (await deskFor(desk, request)).workspaces.current();
      return presentCurrentWorkspace(workspace, settings, authOf(request));
    },
  );

  app.patch(
    "/api/v1/workspace/settings",
    {
      config: { access: "superadmin" },
      schema: {
        tags,
        summary: "Change workspace settings (audited)",
        body: workspaceSettingsPatch,
        response: { 200: currentWorkspaceView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      await d.settings.update(request.body);
      const { workspace, settings } = await d.workspaces.current();
      return presentCurrentWorkspace(workspace, settings, authOf(request));
    },
  );

  app.get(
    "/api/v1/workspaces",
    {
      config: { access: "superadmin" },
      schema: {
        tags,
        summary: "Every workspace of this installation, oldest first",
        querystring: z.object({ ...pageQuery }).strict(),
        response: { 200: pageOf(workspaceView) },
      },
    },
    async (request) => {
      const page = await (await deskFor(desk, request)).workspaces.list(request.query);
      return { items: page.items.map(presentWorkspace), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/api/v1/workspaces",
    {
      config: { access: "superadmin" },
      schema: {
        tags,
        summary: "Create a workspace with its own ticket numbering, optionally with a first superadmin",
        body: provisionWorkspaceInput,
        response: { 201: createdWorkspaceView },
      },
    },
    async (request, reply) => {
      const { workspace, adminId } = await (await deskFor(desk, request)).workspaces.create(request.body);
      return reply.code(201).send({ ...presentWorkspace(workspace), adminId });
    },
  );
};
