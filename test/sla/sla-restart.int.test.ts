import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import { createHelpdesk, type HelpdeskOptions } from "../../src/lib/index.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";

const START = new Date("2026-11-20T10:00:00Z");
const HOUR = 3_600_000;
let db: TestDatabase | undefined;
let dir: string | undefined;

afterAll(async () => {
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A database that outlives a desk: a data directory on PGlite, a PostgreSQL database otherwise. */
async function durable(): Promise<NonNullable<HelpdeskOptions["database"]>> {
  db = await freshDatabase();
  if (db.url) return db.database;
  dir = mkdtempSync(join(tmpdir(), "helpline-sla-restart-"));
  return { dataDir: dir };
}

describe(`SLA work across a restart (${engineUnderTest})`, () => {
  it("a breach due while the desk was down fires once after the restart, never twice", async () => {
    const database = await durable();
    const clock = fixedClock(START);
    let desk = await createHelpdesk({ database, clock, migrate: true });
    await desk.sla.policies.create({
      name: "One hour",
      targets: { resolution: { minutes: 60, business: false } },
      escalations: [{ afterBreachMinutes: 0, actions: [{ type: "add_tag", tags: ["late"] }] }],
    });
    const tickets = [];
    for (let i = 0; i < 5; i++) tickets.push(await desk.tickets.create({ subject: `Ticket ${i}` }));
    await desk.runPending();
    await desk.close();

    clock.set(new Date(START.getTime() + 2 * HOUR));
    desk = await createHelpdesk({ database, clock, migrate: true });
    const first = await desk.runPending();
    expect(first.due["sla.clocks"]).toBe(5);
    const again = await desk.runPending();
    expect(again.due["sla.clocks"]).toBe(0);
    await desk.close();
    desk = await createHelpdesk({ database, clock, migrate: true });
    expect((await desk.runPending()).due["sla.clocks"]).toBe(0);
    const counts = await desk.database.executeSql(
      "select type, count(*)::int as n from outbox_events where type in ('sla.breached','ticket.escalated') group by type order by type",
    );
    expect(counts.rows).toEqual([
      { type: "sla.breached", n: 5 },
      { type: "ticket.escalated", n: 5 },
    ]);
    for (const t of tickets) {
      const now = await desk.tickets.get(t.number);
      expect(now.escalationLevel).toBe(1);
      expect(now.tags.filter((x) => x === "late")).toHaveLength(1);
    }
    await desk.close();
  });
});
