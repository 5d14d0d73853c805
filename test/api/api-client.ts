/**
 * Test helper for the /api/v1 people, workspace, report and audit suites: one
 * desk and server per file, requests as a test user, and row counts to prove
 * that a refused request wrote nothing.
 */
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../src/http/server.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { openTestDesk, type TestDesk } from "../harness.js";
import type { TestUser } from "../http/as-user.js";

export interface Api {
  testDesk: TestDesk;
  desk: Helpdesk;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function openApi(): Promise<Api> {
  const testDesk = await openTestDesk();
  const app = await buildServer({ desk: testDesk.desk, logLevel: "silent" });
  await app.ready();
  return {
    testDesk,
    desk: testDesk.desk,
    app,
    async close() {
      await app.close();
      await testDesk.close();
    },
  };
}

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field in the tests
  body: any;
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Calls the API as `user` (or anonymously with null). */
export async function call(
  app: FastifyInstance,
  user: TestUser | null,
  method: Method,
  url: string,
  payload?: unknown,
): Promise<Reply> {
  const res = await app.inject({
    method,
    url,
    headers: { ...(user ? user.headers : {}), "user-agent": "helpline-tests/1.0" },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

const TABLES = ["agents", "customers", "companies", "teams", "team_members", "audit_log", "workspaces"];

/** Row counts of the tables these routes write (all workspaces): "nothing written" is checked against it. */
export async function footprint(desk: Helpdesk): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await desk.database.executeSql(`select count(*)::int as n from ${table}`);
    out[table] = Number(rows[0]?.n);
  }
  return out;
}

/** Audit rows of a workspace with this action, oldest first. */
export async function auditRows(desk: Helpdesk, action: string) {
  const { rows } = await desk.database.executeSql(
    "select actor, action, target_type, target_id, outcome, ip, user_agent, details from audit_log where workspace_id = $1 and action = $2 order by id",
    [desk.workspace.id, action],
  );
  return rows;
}

/** A new workspace's settings, written out here (not read from the code under test). */
export const DEFAULT_SETTINGS = {
  publicIntake: true,
  timeZone: "UTC",
  emailFromName: "",
  emailFromAddress: null,
  notifyCustomers: true,
  remindersEnabled: true,
  remindersCron: "0 9 * * 1-5",
  pendingProductionStatus: null,
  pendingProductionType: "production",
  boardWipLimits: {},
} as const;
