/**
 * The people a bench dataset needs: agents, teams and companies through the
 * desk's own services, customers in bulk (one set-based insert).
 */
import type { Helpdesk } from "../create-helpdesk.js";
import { sqlText, sqlUuidArray } from "./sql-literals.js";

export interface BenchCast {
  workspaceId: string;
  agents: { id: string; email: string }[];
  teams: { id: string; name: string }[];
  companies: { id: string; domain: string }[];
  customerCount: number;
}

const AGENTS = 20;
const TEAMS = ["Billing", "Technical", "Accounts", "Shipping", "Onboarding"];
const COMPANIES = 20;
/** Every fifth customer is a private person; the rest belong to a company. */
export const PRIVATE_EVERY = 5;

/** Email of bench customer `k` (0-based), the same formula the bulk insert uses. */
export function customerEmail(cast: BenchCast, k: number): string {
  const company = cast.companies[k % cast.companies.length];
  return k % PRIVATE_EVERY === 0 || !company ? `customer${k}@mail.example` : `customer${k}@${company.domain}`;
}

export function customersFor(tickets: number): number {
  return Math.min(100_000, Math.max(100, Math.round(tickets / 10)));
}

export async function seedPeople(
  desk: Helpdesk,
  tickets: number,
  tick: (done: number, total: number) => void,
): Promise<BenchCast> {
  const total = AGENTS + TEAMS.length + COMPANIES + 1;
  let done = 0;
  const step = () => tick(++done, total);
  const agents: BenchCast["agents"] = [];
  for (let k = 0; k < AGENTS; k++) {
    const a = await desk.people.createAgent({
      email: `agent${k}@helpline.bench`,
      name: `Agent ${k}`,
      role: k === 0 ? "manager" : "agent",
      skills: [TEAMS[k % TEAMS.length]?.toLowerCase() ?? "general"],
    });
    agents.push({ id: a.id, email: a.email });
    step();
  }
  const teams: BenchCast["teams"] = [];
  for (const [i, name] of TEAMS.entries()) {
    const members = agents.filter((_, k) => k % TEAMS.length === i).map((a) => a.email);
    const t = await desk.people.createTeam({ name, lead: members[0], members, categories: [name.toLowerCase()] });
    teams.push({ id: t.id, name: t.name });
    step();
  }
  const companies: BenchCast["companies"] = [];
  for (let k = 0; k < COMPANIES; k++) {
    const domain = `company${k}.example`;
    const c = await desk.people.createCompany({ name: `Company ${k}`, domain });
    companies.push({ id: c.id, domain });
    step();
  }
  const cast: BenchCast = {
    workspaceId: desk.workspace.id,
    agents,
    teams,
    companies,
    customerCount: customersFor(tickets),
  };
  await desk.database.executeSql(customersSql(cast));
  step();
  return cast;
}

/** Customer `k`'s id: deterministic, so the ticket load can refer to it without a join. */
export function customerIdSql(cast: BenchCast, k: string): string {
  return `md5(${sqlText(`${cast.workspaceId}:customer:`)} || ${k})::uuid`;
}

/** Company of customer `k` (null for private customers), as SQL. */
export function customerCompanySql(cast: BenchCast, k: string): string {
  const ids = sqlUuidArray(cast.companies.map((c) => c.id));
  return `case when ${k} % ${PRIVATE_EVERY} <> 0 then (${ids})[1 + ${k} % ${cast.companies.length}] end`;
}

function customersSql(cast: BenchCast): string {
  const domains = `array[${cast.companies.map((c) => sqlText(c.domain)).join(",")}]::text[]`;
  const k = "k";
  return `insert into customers (id, workspace_id, email, name, company_id, role, created_at)
select ${customerIdSql(cast, k)}, ${sqlText(cast.workspaceId)}::uuid,
  'customer' || k || '@' || case when k % ${PRIVATE_EVERY} = 0 then 'mail.example'
    else (${domains})[1 + k % ${cast.companies.length}] end,
  'Customer ' || k,
  ${customerCompanySql(cast, k)},
  case when k % ${PRIVATE_EVERY} = 0 then 'customer' else 'company_user' end,
  now() - interval '200 days' + random() * interval '20 days'
from generate_series(0, ${cast.customerCount - 1}) as g(k)`;
}
