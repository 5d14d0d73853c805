import * as audit from "../../core/audit/index.js";
import type { Ctx } from "../../core/kernel/index.js";
import * as people from "../../core/people/index.js";
import type { Mutation } from "./people.js";

/** The bound workspace's settings. */
export function settingsServices(ctx: Ctx, mutation: Mutation) {
  return {
    /** Every setting with defaults filled in (no permission needed: adapters consult it before sign-in). */
    get: () => people.getWorkspaceSettings(ctx),
    /** Superadmins only; audited. */
    update: mutation((c, patch: people.WorkspaceSettingsPatch) => people.updateWorkspaceSettings(c, patch)),
  };
}

/** The bound workspace as its people see it, and every workspace of the installation (superadmins). */
export function workspacesServices(ctx: Ctx, mutation: Mutation) {
  return {
    /** The bound workspace and the settings the actor may see (anyone signed in). */
    current: () => people.getWorkspace(ctx),
    list: (input: people.ListWorkspacesInput = {}) => people.listWorkspaces(ctx, input),
    /** A new workspace with its own numbering, optionally with a first superadmin. */
    create: mutation((c, input: people.ProvisionWorkspaceInput) => people.provisionWorkspace(c, input)),
  };
}

/** The audit log of the bound workspace (superadmins). */
export function auditServices(ctx: Ctx) {
  return {
    list: (input: audit.AuditQueryInput = {}) => audit.listAudit(ctx, input),
  };
}
