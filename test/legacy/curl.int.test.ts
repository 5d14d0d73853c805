/**
 * Seed 004's three curl examples, as written (test/fixtures/seed-004-curl.sh),
 * run with the real curl binary against a server listening on a free port.
 * The only changes: `localhost:5000` becomes the test server, and the two GETs
 * carry an agent's `Authorization: Bearer` token (seed 004's reads are for
 * agents here). Each command's text is otherwise handed to bash untouched.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.js";
import { engineUnderTest, openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, type TestUser } from "../http/as-user.js";

const run = promisify(execFile);
const FIXTURE = new URL("../fixtures/seed-004-curl.sh", import.meta.url);

/** The commands of a shell snippet: blocks separated by blank lines, comment lines dropped. */
function commandsOf(script: string): string[] {
  return script
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split("\n")
        .filter((line) => !line.trimStart().startsWith("#"))
        .join("\n")
        .trim(),
    )
    .filter((cmd) => cmd.length > 0);
}

let t: TestDesk;
let app: FastifyInstance;
let base: string;
let agent: TestUser;
const commands = commandsOf(readFileSync(FIXTURE, "utf8"));

beforeAll(async () => {
  t = await openTestDesk();
  const desk = t.desk;
  const lead = await desk.people.createAgent({ email: "erin@desk.test", name: "Erin Lead", skills: ["technical"] });
  const dev = await desk.people.createAgent({ email: "dev@desk.test", name: "Dev Dana" });
  const fin = await desk.people.createAgent({ email: "fin@desk.test", name: "Finn Money" });
  const cs = await desk.people.createAgent({ email: "cs@desk.test", name: "Cass Success" });
  await desk.people.createTeam({ name: "Finance", members: [fin.id], categories: ["billing", "payment"] });
  await desk.people.createTeam({ name: "Engineering", lead: lead.id, members: [dev.id], categories: ["technical"] });
  await desk.people.createTeam({ name: "Customer Success", members: [cs.id], categories: ["account", "general"] });
  agent = await agentUser(desk);
  app = await buildServer({ desk, logLevel: "silent" });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** Runs one command with bash; returns the HTTP status and the parsed JSON body. */
async function curl(command: string, opts: { bearer?: string } = {}) {
  let cmd = command.replaceAll("http://localhost:5000", base);
  expect(cmd).not.toContain("localhost:5000");
  // -q (ignore ~/.curlrc) must come first; -w appends the status code on its own line.
  const extra = [`-q -sS -w '\\n%{http_code}'`, ...(opts.bearer ? [`-H "Authorization: Bearer ${opts.bearer}"`] : [])];
  cmd = cmd.replace(/^curl /, `curl ${extra.join(" ")} `);
  const { stdout } = await run("bash", ["-c", cmd], {
    env: { ...process.env, http_proxy: "", https_proxy: "", HTTP_PROXY: "", HTTPS_PROXY: "", ALL_PROXY: "" },
    timeout: 30_000,
  });
  const cut = stdout.lastIndexOf("\n");
  return { status: Number(stdout.slice(cut + 1)), body: JSON.parse(stdout.slice(0, cut)) };
}

describe(`seed 004's curl examples (${engineUnderTest})`, () => {
  it("are the three documented commands", () => {
    expect(commands).toHaveLength(3);
    expect(commands[0]).toMatch(/^curl -X POST http:\/\/localhost:5000\/api\/tickets \\\n/);
    expect(commands[1]).toBe('curl "http://localhost:5000/api/tickets?priority=high"');
    expect(commands[2]).toBe("curl http://localhost:5000/api/analytics");
  });

  it("create the URGENT database ticket without credentials: high, technical, with a sentiment", async () => {
    const { status, body } = await curl(commands[0] as string);
    expect(status).toBe(201);
    expect(body).toMatchObject({
      id: expect.stringMatching(/^TKT-\d+$/),
      subject: "URGENT: Database connection failed",
      customer_email: "admin@company.com",
      priority: "high",
      category: "technical",
      sentiment: "negative",
      assigned_team: "Engineering",
      assigned_agent: "Erin Lead",
      status: "open",
      estimated_resolution: "4 hours",
      estimated_resolution_hours: 4,
    });
    expect(Date.parse(body.estimated_resolution_at)).toBeGreaterThan(Date.parse(body.created_at));
  });

  it("list the high-priority tickets for an agent", async () => {
    const { status, body } = await curl(commands[1] as string, { bearer: agent.token });
    expect(status).toBe(200);
    expect(body.tickets).toEqual([
      expect.objectContaining({
        subject: "URGENT: Database connection failed",
        priority: "high",
        category: "technical",
      }),
    ]);
  });

  it("report analytics for an agent", async () => {
    const { status, body } = await curl(commands[2] as string, { bearer: agent.token });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      total_tickets: 1,
      by_priority: { high: 1, medium: 0, low: 0 },
      by_category: { technical: 1 },
      by_team: [{ team: "Engineering", count: 1 }],
      sentiment: { negative: 1 },
    });
  });

  it("refuse the two reads without the agent's token", async () => {
    for (const cmd of commands.slice(1)) {
      const { status, body } = await curl(cmd);
      expect(status).toBe(401);
      expect(body.error.code).toBe("auth.required");
    }
  });
});
