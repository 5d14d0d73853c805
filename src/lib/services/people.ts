import type { Ctx } from "../../core/kernel/index.js";
import * as people from "../../core/people/index.js";

/** Wraps a command so the desk hears about committed changes. */
export type Mutation = <A extends unknown[], R>(fn: (ctx: Ctx, ...args: A) => Promise<R>) => (...args: A) => Promise<R>;

/** Agents, customers, companies and teams of the bound workspace. */
export function peopleServices(ctx: Ctx, mutation: Mutation) {
  return {
    /** Managers add agents and managers; only a superadmin adds a superadmin. */
    createAgent: mutation((c, input: people.CreateAgentInput) => people.createAgent(c, input)),
    /** By id or email; deactivated agents too. */
    getAgent: (ref: string) => people.getAgent(ctx, ref),
    /** By name, one page at a time. */
    listAgents: (input: people.ListAgentsInput = {}) => people.listAgents(ctx, input),
    /** Name, role, active, skills, teamsOnly, capacity, availability; role and active changes are audited. */
    updateAgent: mutation((c, ref: string, input: people.UpdateAgentInput) => people.updateAgent(c, ref, input)),
    /**
     * Availability (online, away, offline, out_of_office with `awayUntil`) of the
     * caller, or of `agent` (id or email: managers and superadmins only).
     */
    setAvailability: mutation((c, input: people.SetAvailabilityInput) => people.setAvailability(c, input)),
    createCustomer: mutation((c, input: people.CreateCustomerInput) => people.createCustomer(c, input)),
    /** Staff read anyone; a customer only themself. */
    getCustomer: (ref: string) => people.getCustomer(ctx, ref),
    /** By email, optionally of one company (`company`) or starting with `q`. */
    listCustomers: (input: people.ListCustomersInput = {}) => people.listCustomers(ctx, input),
    updateCustomer: mutation((c, ref: string, input: people.UpdateCustomerInput) =>
      people.updateCustomer(c, ref, input),
    ),
    /** Seed 001: an individual customer becomes a company user (managers; audited). */
    convertCustomer: mutation((c, ref: string, input: people.ConvertCustomerInput) =>
      people.convertCustomer(c, ref, input),
    ),
    createCompany: mutation((c, input: people.CreateCompanyInput) => people.createCompany(c, input)),
    /** Staff read any company; a company user their own. */
    getCompany: (ref: string) => people.getCompany(ctx, ref),
    listCompanies: (input: people.ListCompaniesInput = {}) => people.listCompanies(ctx, input),
    updateCompany: mutation((c, ref: string, input: people.UpdateCompanyInput) => people.updateCompany(c, ref, input)),
    /** With `strategy`: round_robin, least_loaded (default) or skill_match. */
    createTeam: mutation((c, input: people.CreateTeamInput) => people.createTeam(c, input)),
    getTeam: (ref: string) => people.getTeam(ctx, ref),
    listTeams: (input: people.ListTeamsInput = {}) => people.listTeams(ctx, input),
    updateTeam: mutation((c, ref: string, input: people.UpdateTeamInput) => people.updateTeam(c, ref, input)),
    /** Replaces the member list. */
    setTeamMembers: mutation((c, ref: string, input: people.TeamMembersInput) => people.setTeamMembers(c, ref, input)),
  };
}
