import type { AgentAvailability, AgentRole, TeamStrategy } from "../../../common/enums.js";

export const AGENT_ROLE_LABEL: Record<AgentRole, string> = {
  superadmin: "Superadmin",
  manager: "Manager",
  agent: "Agent",
};

export const AVAILABILITY_LABEL: Record<AgentAvailability, string> = {
  online: "Online",
  away: "Away",
  offline: "Offline",
  out_of_office: "Out of office",
};

export const STRATEGY_LABEL: Record<TeamStrategy, string> = {
  round_robin: "Round robin",
  least_loaded: "Least loaded",
  skill_match: "Skill match",
};

export const options = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
