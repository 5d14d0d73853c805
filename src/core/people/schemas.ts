import { z } from "zod";
import { AGENT_AVAILABILITIES, AGENT_ROLES, CUSTOMER_ROLES, TEAM_STRATEGIES } from "../../../common/enums.js";

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

const personName = z.string().trim().min(1).max(200);
const skills = z.array(z.string().trim().min(1).max(50)).max(50);
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "must be a domain like example.com");
/** An agent, company or team named by id (or email/name). */
const ref = z.string().trim().min(1).max(320);
/** Most active tickets routing gives the agent; null = no limit. */
const capacity = z.number().int().min(0).max(10_000).nullable();
const availability = z.enum(AGENT_AVAILABILITIES);
/** With `out_of_office`: when the agent is back (ISO-8601 with offset); must be in the future. */
const awayUntil = z.iso
  .datetime({ offset: true, error: "must be an ISO-8601 time with offset, like 2025-03-10T09:00:00Z" })
  .nullable();
const strategy = z.enum(TEAM_STRATEGIES);

export const createAgentInput = z
  .object({
    email: emailSchema,
    name: personName,
    role: z.enum(AGENT_ROLES).default("agent"),
    skills: skills.default([]),
    /** Limit the agent to tickets of their teams. */
    teamsOnly: z.boolean().default(false),
    capacity: capacity.default(null),
    availability: availability.default("online"),
    awayUntil: awayUntil.optional(),
  })
  .strict();

export const updateAgentInput = z
  .object({
    name: personName.optional(),
    role: z.enum(AGENT_ROLES).optional(),
    active: z.boolean().optional(),
    skills: skills.optional(),
    teamsOnly: z.boolean().optional(),
    capacity: capacity.optional(),
    availability: availability.optional(),
    awayUntil: awayUntil.optional(),
  })
  .strict();

/** An agent's own availability (`awayUntil` only with `out_of_office`). */
export const availabilityInput = z.object({ availability, awayUntil: awayUntil.optional() }).strict();

/** Availability of `agent` (id or email; default: the caller). Others' need people:manage. */
export const setAvailabilityInput = availabilityInput.extend({ agent: ref.optional() }).strict();

export const createCustomerInput = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1).max(200).optional(),
    company: ref.optional(),
    role: z.enum(CUSTOMER_ROLES).optional(),
  })
  .strict();

export const updateCustomerInput = z
  .object({
    name: personName.nullable().optional(),
    /** A company id or name; `null` detaches (a company user becomes an individual customer). */
    company: ref.nullable().optional(),
  })
  .strict();

/** Turns an individual (B2C) customer into a company user of `company`. */
export const convertCustomerInput = z.object({ company: ref }).strict();

/** A company's plan or tier ("enterprise", "gold"), matched case-insensitively by `tier:` in queries. */
const companyTier = z
  .string()
  .trim()
  .min(1, "must not be empty (use null to remove the tier)")
  .max(50, "must be at most 50 characters")
  .describe('plan or tier, e.g. "enterprise" or "gold" (queries: `tier: enterprise`)');

export const createCompanyInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    domain: domain.optional(),
    /** Company users see all of the company's tickets (default true). */
    sharesTickets: z.boolean().default(true),
    tier: companyTier.optional(),
  })
  .strict();

export const updateCompanyInput = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    domain: domain.nullable().optional(),
    sharesTickets: z.boolean().optional(),
    /** `null` removes the tier. */
    tier: companyTier.nullable().optional(),
  })
  .strict();

export const createTeamInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    lead: ref.optional(),
    members: z.array(ref).max(500).default([]),
    categories: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
    /** How routing picks an agent: round_robin, least_loaded (default) or skill_match. */
    strategy: strategy.default("least_loaded"),
  })
  .strict();

export const updateTeamInput = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    /** An agent id or email; `null` leaves the team without a lead. */
    lead: ref.nullable().optional(),
    categories: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
    strategy: strategy.optional(),
  })
  .strict();

/** The complete member list (agent ids or emails): replaces the current one. */
export const teamMembersInput = z.object({ members: z.array(ref).max(500) }).strict();

export type UpdateAgentInput = z.input<typeof updateAgentInput>;
export type AvailabilityInput = z.input<typeof availabilityInput>;
export type SetAvailabilityInput = z.input<typeof setAvailabilityInput>;
export type UpdateCustomerInput = z.input<typeof updateCustomerInput>;
export type ConvertCustomerInput = z.input<typeof convertCustomerInput>;
export type UpdateCompanyInput = z.input<typeof updateCompanyInput>;
export type UpdateTeamInput = z.input<typeof updateTeamInput>;
export type TeamMembersInput = z.input<typeof teamMembersInput>;
export type CreateWorkspaceInput = z.input<typeof createWorkspaceInput>;
export type CreateAgentInput = z.input<typeof createAgentInput>;
export type CreateCustomerInput = z.input<typeof createCustomerInput>;
export type CreateCompanyInput = z.input<typeof createCompanyInput>;
export type CreateTeamInput = z.input<typeof createTeamInput>;
