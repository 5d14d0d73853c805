import type { AgentView, CompanyView, CustomerView, TeamView } from "../../../common/api/people.js";
import {
  type Agent,
  type AuthContext,
  agentPermissions,
  type Company,
  type Customer,
  can,
  type Team,
} from "../../lib/index.js";

/** Only write-scoped callers can act; read tokens see every `can` as false. */
const writes = (auth: AuthContext) => auth.scope === "write";

export function presentAgent(a: Agent, auth: AuthContext): AgentView {
  const may = agentPermissions(auth.actor, a);
  const w = writes(auth);
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    active: a.active,
    skills: a.skills,
    teamsOnly: a.teamsOnly,
    capacity: a.capacity,
    availability: a.availability,
    awayUntil: a.awayUntil?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    can: { update: w && may.update, changeRole: w && may.changeRole, deactivate: w && may.deactivate },
  };
}

export function presentCustomer(c: Customer, auth: AuthContext): CustomerView {
  const w = writes(auth);
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    role: c.role,
    companyId: c.companyId,
    createdAt: c.createdAt.toISOString(),
    can: {
      update: w && can(auth.actor, "customer:manage"),
      convert: w && c.role === "customer" && can(auth.actor, "people:manage"),
    },
  };
}

export function presentCompany(c: Company, auth: AuthContext): CompanyView {
  return {
    id: c.id,
    name: c.name,
    domain: c.domain,
    sharesTickets: c.sharesTickets,
    // Internal like the routing data: a company user sees their company without it.
    ...(auth.actor.type === "customer" ? {} : { tier: c.tier }),
    createdAt: c.createdAt.toISOString(),
    can: { update: writes(auth) && can(auth.actor, "people:manage") },
  };
}

export function presentTeam(t: Team, auth: AuthContext): TeamView {
  return {
    id: t.id,
    name: t.name,
    leadAgentId: t.leadAgentId,
    categories: t.categories,
    memberIds: t.memberIds,
    strategy: t.strategy,
    createdAt: t.createdAt.toISOString(),
    can: { update: writes(auth) && can(auth.actor, "people:manage") },
  };
}
