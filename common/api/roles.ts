/** API contract of the roles overview (`GET /api/v1/roles`): what each role may do, in plain words. */
import { z } from "zod";
import { AGENT_ROLES, CUSTOMER_ROLES } from "../enums.js";

export const ROLE_SCOPES = ["workspace", "company", "own"] as const;

export const roleActionView = z.object({
  action: z.string().describe("the permission's key, e.g. ticket:assign"),
  label: z.string().describe("plain-language name, e.g. Assign tickets"),
  description: z.string(),
});

export const roleView = z.object({
  role: z.enum([...AGENT_ROLES, ...CUSTOMER_ROLES]),
  kind: z.enum(["agent", "customer"]),
  label: z.string(),
  description: z.string(),
  actions: z
    .array(
      z.object({
        action: z.string(),
        scope: z
          .enum(ROLE_SCOPES)
          .describe("workspace: everywhere; company: their own and their company's tickets; own: their own tickets"),
      }),
    )
    .describe("the actions this role may perform (any action not listed is refused)"),
});

export const rolesView = z.object({
  actions: z.array(roleActionView).describe("every action, in the order of the matrix"),
  roles: z.array(roleView),
});

export type RoleActionView = z.infer<typeof roleActionView>;
export type RoleView = z.infer<typeof roleView>;
export type RolesView = z.infer<typeof rolesView>;
