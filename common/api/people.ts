/** API contracts for agents, customers, companies and teams, shared by the server and the web app. */
import { z } from "zod";
import { AGENT_AVAILABILITIES, AGENT_ROLES, CUSTOMER_ROLES, TEAM_STRATEGIES } from "../enums.js";

const iso = z.string().describe("ISO-8601 timestamp");
const can = <K extends string>(...keys: K[]) =>
  z
    .object(Object.fromEntries(keys.map((k) => [k, z.boolean()])) as Record<K, z.ZodBoolean>)
    .describe("what the caller may do with this record");

export const agentView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(AGENT_ROLES),
  active: z.boolean(),
  skills: z.array(z.string()),
  teamsOnly: z.boolean().describe("limited to tickets of their teams"),
  capacity: z.number().int().nullable().describe("most active tickets routing gives the agent; null = no limit"),
  availability: z
    .enum(AGENT_AVAILABILITIES)
    .describe("routing picks online agents, away ones only when nobody online is eligible"),
  awayUntil: iso.nullable().describe("out_of_office: back at this moment (then counted online)"),
  createdAt: iso,
  can: can("update", "changeRole", "deactivate"),
});

export const customerView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(CUSTOMER_ROLES),
  companyId: z.string().nullable(),
  createdAt: iso,
  can: can("update", "convert"),
});

export const companyView = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  sharesTickets: z.boolean().describe("company users see all of the company's tickets"),
  tier: z.string().nullable().optional().describe('plan or tier, e.g. "enterprise" (staff only; queries: `tier:`)'),
  createdAt: iso,
  can: can("update"),
});

export const teamView = z.object({
  id: z.string(),
  name: z.string(),
  leadAgentId: z.string().nullable(),
  categories: z.array(z.string()),
  memberIds: z.array(z.string()),
  strategy: z.enum(TEAM_STRATEGIES).describe("how routing picks an agent inside the team"),
  createdAt: iso,
  can: can("update"),
});

export type AgentView = z.infer<typeof agentView>;
export type CustomerView = z.infer<typeof customerView>;
export type CompanyView = z.infer<typeof companyView>;
export type TeamView = z.infer<typeof teamView>;
