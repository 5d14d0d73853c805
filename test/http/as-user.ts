/**
 * Test helper: a Bearer token for any person, written straight to the
 * database (the sign-in flow itself is tested in test/auth).
 */
import { randomBytes } from "node:crypto";
import { hashToken } from "../../src/lib/auth-service.js";
import type { Actor, Helpdesk } from "../../src/lib/index.js";

export interface TestUser {
  actor: Exclude<Actor, { type: "system" }>;
  token: string;
  headers: { authorization: string };
  email: string;
}

export async function tokenFor(
  desk: Helpdesk,
  person: { type: "agent" | "customer"; id: string; email: string },
  scope: "read" | "write" = "write",
): Promise<string> {
  const q = (text: string, values: unknown[]) => desk.database.executeSql(text, values);
  const existing = await q("select id::text as id from logins where person_type = $1 and person_id = $2", [
    person.type,
    person.id,
  ]);
  let loginId = existing.rows[0]?.id as string | undefined;
  if (!loginId) {
    const created = await q(
      `insert into logins (id, workspace_id, person_type, person_id, email, created_at, updated_at)
       values (gen_random_uuid(), $1, $2, $3, $4, now(), now()) returning id::text as id`,
      [desk.workspace.id, person.type, person.id, person.email],
    );
    loginId = created.rows[0]?.id as string;
  }
  const token = `hlp_${randomBytes(24).toString("base64url")}`;
  await q(
    `insert into api_tokens (id, login_id, workspace_id, name, token_hash, prefix, scope, created_at)
     values (gen_random_uuid(), $1, $2, 'test', $3, $4, $5, now())`,
    [loginId, desk.workspace.id, hashToken(token), token.slice(0, 8), scope],
  );
  return token;
}

/** An agent (or manager/superadmin) of the desk's workspace, with a token. */
export async function agentUser(
  desk: Helpdesk,
  role: "agent" | "manager" | "superadmin" = "agent",
  scope: "read" | "write" = "write",
): Promise<TestUser> {
  const email = `${role}-${randomBytes(4).toString("hex")}@desk.test`;
  const agent = await desk.people.createAgent({ email, name: `${role} ${email.slice(0, 12)}`, role });
  const token = await tokenFor(desk, { type: "agent", id: agent.id, email }, scope);
  return { actor: { type: "agent", id: agent.id, role }, token, headers: { authorization: `Bearer ${token}` }, email };
}

/** A customer (optionally of a company) of the desk's workspace, with a token. */
export async function customerUser(desk: Helpdesk, company?: string): Promise<TestUser> {
  const email = `cust-${randomBytes(4).toString("hex")}@${company ? `${company}.test` : "mail.test"}`;
  const customer = await desk.people.createCustomer({ email, name: "Customer", ...(company ? { company } : {}) });
  const token = await tokenFor(desk, { type: "customer", id: customer.id, email });
  return {
    actor: { type: "customer", id: customer.id, role: customer.role, companyId: customer.companyId },
    token,
    headers: { authorization: `Bearer ${token}` },
    email,
  };
}
