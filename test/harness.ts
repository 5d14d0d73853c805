/**
 * Test databases: PGlite in memory by default; a fresh PostgreSQL database per
 * call when TEST_DATABASE_URL is set (created from it, dropped at close).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { expect } from "vitest";
import { createHelpdesk, DomainError, type Helpdesk, type HelpdeskOptions } from "../src/lib/index.js";

export const engineUnderTest: "pglite" | "postgres" = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

export interface TestDatabase {
  /** Options selecting this database for createHelpdesk. */
  database: NonNullable<HelpdeskOptions["database"]>;
  /** The connection string on PostgreSQL (undefined on PGlite). */
  url: string | undefined;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A database nobody else uses: in memory, or a new PostgreSQL database. */
export async function freshDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return { database: { memory: true }, url: undefined, drop: async () => undefined };
  const name = `helpline_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(base, name);
  return {
    database: { url },
    url,
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestDesk {
  desk: Helpdesk;
  db: TestDatabase;
  close(): Promise<void>;
}

/** A migrated desk on a fresh database. */
export async function openTestDesk(opts: Omit<HelpdeskOptions, "database" | "migrate"> = {}): Promise<TestDesk> {
  const db = await freshDatabase();
  const desk = await createHelpdesk({ ...opts, database: db.database, migrate: true });
  return {
    desk,
    db,
    async close() {
      await desk.close();
      await db.drop();
    },
  };
}

let counter = 0;
/** A new workspace on the shared desk, so tests in one file do not see each other's tickets. */
export async function isolatedWorkspace(desk: Helpdesk): Promise<Helpdesk> {
  counter++;
  return desk.inWorkspace(`t${counter}-${randomBytes(3).toString("hex")}`);
}

/** The DomainError a promise rejects with (fails the test if it resolves or throws something else). */
export async function domainError(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

/** The same workspace as a new agent of this role (a fresh email each call). */
export async function asNewAgent(ws: Helpdesk, role: "agent" | "manager" | "superadmin"): Promise<Helpdesk> {
  const a = await ws.people.createAgent({
    email: `${role}-${randomBytes(3).toString("hex")}@desk.test`,
    name: role,
    role,
  });
  return ws.as({ type: "agent", id: a.id, role });
}

/** The workspace's audit actions starting with `prefix` (e.g. `calendar.`), oldest first. */
export async function auditActions(ws: Helpdesk, prefix: string): Promise<string[]> {
  const { rows } = await ws.database.executeSql(
    "select action from audit_log where workspace_id = $1 and action like $2 order by id",
    [ws.workspace.id, `${prefix}%`],
  );
  return rows.map((r) => String(r.action));
}
