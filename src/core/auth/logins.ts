import { and, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { agents, companies, customers, logins, sessions } from "../../db/schema/index.js";
import { type Clock, conflict, newId, notFound } from "../kernel/index.js";
import { checkPasswordPolicy, hashPassword } from "./passwords.js";
import type { AuthContext } from "./types.js";

export type Login = typeof logins.$inferSelect;

/** The person behind a login, as requests see them. */
export interface Principal {
  actor: AuthContext["actor"];
  email: string;
  name: string | null;
  workspaceId: string;
}

/** Consecutive failures before the first lock. */
export const LOCK_AFTER_FAILURES = 5;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 3_600_000;

/** How long a login is locked after `failures` consecutive failures: 1 min at 5, doubling, at most 1 h. */
export function lockDuration(failures: number): number {
  if (failures < LOCK_AFTER_FAILURES) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** Math.min(failures - LOCK_AFTER_FAILURES, 12), MAX_LOCK_MS);
}

export async function findLoginByEmail(db: Tx, workspaceId: string, email: string): Promise<Login | undefined> {
  const [row] = await db
    .select()
    .from(logins)
    .where(and(eq(logins.workspaceId, workspaceId), eq(logins.email, email.trim().toLowerCase())));
  return row;
}

export async function getLogin(db: Tx, loginId: string): Promise<Login> {
  const [row] = await db.select().from(logins).where(eq(logins.id, loginId));
  if (!row) throw notFound("auth.login_not_found", "This sign-in no longer exists.");
  return row;
}

/** The agent or customer a login belongs to; null when they are gone or deactivated. */
export async function principalOf(db: Tx, login: Login): Promise<Principal | null> {
  if (login.personType === "agent") {
    const [a] = await db.select().from(agents).where(eq(agents.id, login.personId));
    if (!a?.active || a.workspaceId !== login.workspaceId) return null;
    return {
      actor: { type: "agent", id: a.id, role: a.role as never },
      email: login.email,
      name: a.name,
      workspaceId: login.workspaceId,
    };
  }
  const [c] = await db
    .select({
      id: customers.id,
      workspaceId: customers.workspaceId,
      name: customers.name,
      role: customers.role,
      companyId: customers.companyId,
      shares: companies.sharesTickets,
    })
    .from(customers)
    .leftJoin(companies, eq(companies.id, customers.companyId))
    .where(eq(customers.id, login.personId));
  if (!c || c.workspaceId !== login.workspaceId) return null;
  return {
    actor: {
      type: "customer",
      id: c.id,
      role: c.role as never,
      companyId: c.role === "company_user" && c.shares ? c.companyId : null,
    },
    email: login.email,
    name: c.name,
    workspaceId: login.workspaceId,
  };
}

export async function principalFor(db: Tx, loginId: string): Promise<Principal | null> {
  const [login] = await db.select().from(logins).where(eq(logins.id, loginId));
  return login ? principalOf(db, login) : null;
}

/** The email of an agent or customer of the workspace. */
async function personEmail(db: Tx, workspaceId: string, type: "agent" | "customer", id: string): Promise<string> {
  const table = type === "agent" ? agents : customers;
  const [row] = await db
    .select({ email: table.email })
    .from(table)
    .where(and(eq(table.id, id), eq(table.workspaceId, workspaceId)));
  if (!row) throw notFound(`${type}.not_found`, `No ${type} with id ${id} in this workspace.`, "person");
  return row.email;
}

/** The login of a person, created (without a password) when missing. */
export async function ensureLogin(
  db: Tx,
  clock: Clock,
  person: { workspaceId: string; type: "agent" | "customer"; id: string },
): Promise<Login> {
  const [existing] = await db
    .select()
    .from(logins)
    .where(and(eq(logins.personType, person.type), eq(logins.personId, person.id)));
  if (existing) return existing;
  const email = await personEmail(db, person.workspaceId, person.type, person.id);
  const taken = await findLoginByEmail(db, person.workspaceId, email);
  if (taken) {
    throw conflict("auth.email_in_use", `Someone else in this workspace already signs in as ${email}.`, {
      field: "email",
    });
  }
  const now = clock.now();
  const [row] = await db
    .insert(logins)
    .values({
      id: newId(now),
      workspaceId: person.workspaceId,
      personType: person.type,
      personId: person.id,
      email,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("login insert returned nothing");
  return row;
}

export interface SetPasswordInput {
  workspaceId: string;
  personType: "agent" | "customer";
  personId: string;
  password: string;
}

/**
 * Sets a person's password (creating their login if missing), clears any
 * lock and ends every session of that login. An operator action: the caller
 * decides who may run it (CLI, bootstrap, a verified reset).
 */
export async function setPassword(env: { db: Tx; clock: Clock }, input: SetPasswordInput): Promise<Login> {
  const email = await personEmail(env.db, input.workspaceId, input.personType, input.personId);
  checkPasswordPolicy(input.password, email);
  const passwordHash = await hashPassword(input.password);
  const login = await ensureLogin(env.db, env.clock, {
    workspaceId: input.workspaceId,
    type: input.personType,
    id: input.personId,
  });
  await storePasswordHash(env.db, login.id, passwordHash, env.clock.now());
  return login;
}

/** Stores a new hash, clears the lock and ends every session of the login (but `keepSession`). */
export async function storePasswordHash(
  db: Tx,
  loginId: string,
  passwordHash: string,
  now: Date,
  keepSession?: string,
): Promise<void> {
  await db
    .update(logins)
    .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now })
    .where(eq(logins.id, loginId));
  await db
    .delete(sessions)
    .where(and(eq(sessions.loginId, loginId), keepSession ? ne(sessions.tokenHash, keepSession) : undefined));
}

/** Counts a failed attempt and locks the login when due; returns the lock's end, if any. */
export async function registerFailure(db: Tx, loginId: string, now: Date): Promise<Date | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(logins)
      .set({ failedLogins: sql`${logins.failedLogins} + 1`, updatedAt: now })
      .where(eq(logins.id, loginId))
      .returning({ failedLogins: logins.failedLogins });
    const ms = lockDuration(row?.failedLogins ?? 0);
    if (ms === 0) return null;
    const until = new Date(now.getTime() + ms);
    await tx.update(logins).set({ lockedUntil: until }).where(eq(logins.id, loginId));
    return until;
  });
}
