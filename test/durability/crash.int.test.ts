import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHelpdesk } from "../../src/lib/index.js";
import { freshDatabase, type TestDatabase } from "../harness.js";

const writer = fileURLToPath(new URL("./create-forever.ts", import.meta.url));

/** Runs the writer until it has acknowledged `acks` tickets, then kills it with SIGKILL. */
function runAndKill(target: string, acks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", writer, target], { stdio: ["ignore", "pipe", "pipe"] });
    const acked: string[] = [];
    let buffer = "";
    let stderr = "";
    let killed = false;
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString();
    });
    child.stdout.on("data", (b: Buffer) => {
      buffer += b.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("ACK ")) acked.push(line.slice(4));
      if (!killed && acked.length >= acks) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve(acked);
      else reject(new Error(`writer exited before the kill (code ${code}): ${stderr}`));
    });
  });
}

describe("a process killed with SIGKILL while creating tickets", () => {
  let target: string;
  let db: TestDatabase | undefined;
  let dir: string | undefined;

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) {
      db = await freshDatabase();
      target = db.url as string;
    } else {
      dir = mkdtempSync(join(tmpdir(), "helpline-crash-"));
      target = dir;
    }
  });

  afterAll(async () => {
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("loses no acknowledged ticket and leaves no half-written one, across repeated kills", async () => {
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) acknowledged.push(...(await runAndKill(target, 150)));
    expect(acknowledged.length).toBeGreaterThanOrEqual(450);

    const desk = await createHelpdesk({
      database: target.startsWith("postgres") ? { url: target } : { dataDir: target },
      migrate: true,
    });
    try {
      const q = (text: string, values?: unknown[]) => desk.database.executeSql(text, values);
      const present = await q("select id::text as id from tickets where id = any($1::uuid[])", [acknowledged]);
      expect(new Set(present.rows.map((r) => r.id)).size).toBe(acknowledged.length);

      const orphans = await q(`
        select
          (select count(*)::int from tickets t where not exists
             (select 1 from timeline_entries e where e.ticket_id = t.id and e.kind = 'event')) as without_event,
          (select count(*)::int from tickets t where not exists
             (select 1 from timeline_entries e where e.ticket_id = t.id and e.kind = 'message')) as without_message,
          (select count(*)::int from tickets t where not exists
             (select 1 from outbox_events o where o.subject_id = t.id and o.type = 'ticket.created')) as without_outbox,
          (select count(*)::int from timeline_entries e where not exists
             (select 1 from tickets t where t.id = e.ticket_id)) as dangling_entries,
          (select count(*)::int from tickets) as tickets`);
      const row = orphans.rows[0] as Record<string, number>;
      expect(row.without_event).toBe(0);
      expect(row.without_message).toBe(0);
      expect(row.without_outbox).toBe(0);
      expect(row.dangling_entries).toBe(0);
      expect(row.tickets).toBeGreaterThanOrEqual(acknowledged.length);

      const numbers = await q("select count(distinct number)::int as n, count(*)::int as total from tickets");
      expect(numbers.rows[0]?.n).toBe(numbers.rows[0]?.total);

      const next = await desk.tickets.create({ subject: "after the crashes" });
      expect(next.number).toMatch(/^TKT-\d+$/);
    } finally {
      await desk.close();
    }
    // Three child processes each start, migrate and write; on a loaded machine that takes minutes.
  }, 240_000);
});
