/**
 * Time rules survive a restart: schedules live in the database, and each
 * due schedule fires in the same transaction that marks it fired, so closing
 * the desk in the middle neither repeats nor loses a firing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import { createHelpdesk, type DatabaseChoice, type Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";
import { HOUR, MIN, withoutDefaults } from "./helpers.js";

const clock = fixedClock(new Date("2026-03-02T09:00:00Z"));
const cleanup: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const f of cleanup) await f();
});

async function place(): Promise<DatabaseChoice> {
  if (engineUnderTest === "postgres") {
    const db: TestDatabase = await freshDatabase();
    cleanup.push(() => db.drop());
    return db.database;
  }
  const dir = mkdtempSync(join(tmpdir(), "helpline-automation-"));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  return { dataDir: dir };
}

const open = (database: DatabaseChoice): Promise<Helpdesk> =>
  createHelpdesk({ database, clock, migrate: true, workspace: "restart" });

async function tagsOf(desk: Helpdesk, numbers: string[]): Promise<string[][]> {
  return Promise.all(numbers.map(async (n) => (await desk.tickets.get(n)).tags));
}

describe(`time rules across a restart (${engineUnderTest})`, () => {
  it("each ticket's schedule fires exactly once, whether due before or after the restart", async () => {
    const database = await place();
    let desk = await withoutDefaults(await open(database));
    await desk.automation.rules.create({
      name: "Stale after an hour",
      trigger: { type: "time", since: "created", afterMinutes: 60 },
      actions: [
        { type: "add_tag", tags: ["stale"] },
        { type: "add_note", body: "Stale: {{ticket.number}}" },
      ],
    });
    const early = await desk.tickets.create({ subject: "early" });
    clock.advance(30 * MIN);
    const late = [await desk.tickets.create({ subject: "late 1" }), await desk.tickets.create({ subject: "late 2" })];
    await desk.runPending();
    clock.advance(31 * MIN); // the early ticket is due, the late ones are not
    expect((await desk.runPending()).due["automation.time-rules"]).toBe(1);
    await desk.close();

    desk = await open(database);
    const numbers = [early.number, ...late.map((t) => t.number)];
    expect(await tagsOf(desk, numbers)).toEqual([["stale"], [], []]);
    clock.advance(HOUR);
    expect((await desk.runPending()).due["automation.time-rules"]).toBe(2);
    await desk.runPending();
    clock.advance(10 * HOUR);
    await desk.runPending();
    expect(await tagsOf(desk, numbers)).toEqual([["stale"], ["stale"], ["stale"]]);
    for (const n of numbers) {
      const firings = (await desk.automation.firings(n)).items;
      expect(firings.map((f) => f.ruleName)).toEqual(["Stale after an hour"]);
      const notes = (await desk.tickets.timeline(n)).filter((e) => e.kind === "note");
      expect(notes.map((e) => e.body)).toEqual([`Stale: ${n}`]);
    }
    expect((await desk.automation.rules.get("Stale after an hour")).fireCount).toBe(3);
    await desk.close();
  });
});
