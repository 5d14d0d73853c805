import type { AgentAvailability, AgentRole, CustomerRole, TeamStrategy } from "../../../common/enums.js";

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  active: boolean;
  skills: string[];
  /** Limited to tickets of their teams. */
  teamsOnly: boolean;
  /** Most active tickets routing gives the agent; null = no limit. */
  capacity: number | null;
  /** As set; `out_of_office` past `awayUntil` counts as online for routing. */
  availability: AgentAvailability;
  /** With `out_of_office`: back at this moment (null: until further notice). */
  awayUntil: Date | null;
  createdAt: Date;
}

export interface Customer {
  id: string;
  email: string;
  name: string | null;
  companyId: string | null;
  role: CustomerRole;
  createdAt: Date;
}

export interface Company {
  id: string;
  name: string;
  domain: string | null;
  /** Company users see all of the company's tickets. */
  sharesTickets: boolean;
  /** Plan or tier, e.g. "enterprise" (staff only): SLA policies, rules and queries target it (`tier:`). */
  tier: string | null;
  createdAt: Date;
}

export interface Team {
  id: string;
  name: string;
  leadAgentId: string | null;
  categories: string[];
  memberIds: string[];
  /** How routing picks an agent inside the team. */
  strategy: TeamStrategy;
  createdAt: Date;
}

export interface Workspace {
  id: string;
  slug: string;
  name: string;
  ticketPrefix: string;
  ticketStart: number;
  createdAt: Date;
}
