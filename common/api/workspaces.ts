/** API contracts for workspaces and their settings. */
import { z } from "zod";

/** The caller's workspace; customers see only the settings meant for them. */
export const currentWorkspaceView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  ticketPrefix: z.string().describe("ticket numbers look like PREFIX-1001"),
  settings: z.object({ publicIntake: z.boolean().optional() }).describe("the workspace settings the caller may see"),
  can: z.object({ updateSettings: z.boolean(), manageWorkspaces: z.boolean() }),
});

/** A workspace in the installation-wide list (superadmins). */
export const workspaceView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  ticketPrefix: z.string(),
  ticketStart: z.number().int(),
  createdAt: z.string(),
});

export const createdWorkspaceView = workspaceView.extend({
  adminId: z.string().nullable().describe("the first superadmin, when one was asked for"),
});

export type CurrentWorkspaceView = z.infer<typeof currentWorkspaceView>;
export type WorkspaceView = z.infer<typeof workspaceView>;
