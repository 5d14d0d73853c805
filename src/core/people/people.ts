import type { AgentRole, CustomerRole } from "../../../common/enums.js";

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  active: boolean;
  skills: string[];
  /** Limited to tickets of their teams. */
  teamsOnly: boolean;
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
  createdAt: Date;
}

export interface Team {
  id: string;
  name: string;
  leadAgentId: string | null;
  categories: string[];
  memberIds: string[];
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
