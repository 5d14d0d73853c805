import { z } from "zod";
import { AGENT_ROLES, CUSTOMER_ROLES } from "../../../common/enums.js";

export const emailSchema = z
  .string()
  .trim()
  .max(320)
  .email("must be an email address like name@example.com")
  .transform((s) => s.toLowerCase());

export const createWorkspaceInput = z
  .object({
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "use lowercase letters, digits and dashes (max 63)"),
    name: z.string().trim().min(1).max(200),
    ticketPrefix: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{0,9}$/, "use 1-10 capital letters or digits, starting with a letter")
      .default("TKT"),
    ticketStart: z.number().int().min(1).max(1_000_000_000).default(1001),
  })
  .strict();

export const createAgentInput = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1).max(200),
    role: z.enum(AGENT_ROLES).default("agent"),
    skills: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  })
  .strict();

export const createCustomerInput = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1).max(200).optional(),
    company: z.string().trim().min(1).optional(),
    role: z.enum(CUSTOMER_ROLES).optional(),
  })
  .strict();

export const createCompanyInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "must be a domain like example.com")
      .optional(),
  })
  .strict();

export const createTeamInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    lead: z.string().trim().min(1).optional(),
    members: z.array(z.string().trim().min(1)).max(500).default([]),
    categories: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  })
  .strict();

export type CreateWorkspaceInput = z.input<typeof createWorkspaceInput>;
export type CreateAgentInput = z.input<typeof createAgentInput>;
export type CreateCustomerInput = z.input<typeof createCustomerInput>;
export type CreateCompanyInput = z.input<typeof createCompanyInput>;
export type CreateTeamInput = z.input<typeof createTeamInput>;
