import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import type { JobRuntime } from "../../src/jobs/runtime.js";
import { engineUnderTest, openTestDesk, type TestDesk } from "../harness.js";

const START = new Date("2026-11-20T10:00:00Z");
const clock = fixedClock(START);
let t: TestDesk;
let jobs: JobRuntime;

beforeAll(async () => {
  t = await openTestDesk({ clock });
  jobs = await t.desk.startWorker();
});
afterAll(async () => {
  await t.close();
});

async function until(check: () => Promise<boolean>, ms = 30_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

const count = async (type: string) =>
  Number(
    (
      (await t.desk.database.executeSql("select count(*)::int as n from outbox_events where type = $1", [type]))
        .rows[0] as { n: number }
    ).n,
  );

describe(`the scheduler.tick job on the worker (${engineUnderTest})`, () => {
  it("starts clocks through the outbox and records a breach when the job runs after the due time", async () => {
    const { desk } = t;
    await desk.sla.policies.create({ name: "Quick", targets: { resolution: { minutes: 30, business: false } } });
    const ticket = await desk.tickets.create({ subject: "Tick me" });
    // The worker delivers ticket.created to the SLA listener: the clock starts without runPending.
    expect(await until(async () => (await desk.sla.forTicket(ticket.number)).clocks.length === 1)).toBe(true);

    clock.set(new Date(START.getTime() + 31 * 60_000));
    const id = await jobs.run("scheduler.tick");
    expect(id).toBeTruthy();
    expect(
      await until(async () => (await jobs.boss.getJobById("scheduler.tick", id as string))?.state === "completed"),
    ).toBe(true);
    expect(await count("sla.breached")).toBe(1);
    const [clockView] = (await desk.sla.forTicket(ticket.number)).clocks;
    expect(clockView?.breachedAt).toBe(new Date(START.getTime() + 30 * 60_000).toISOString());
    // A second tick finds nothing new to record.
    const again = await jobs.run("scheduler.tick");
    expect(
      await until(async () => (await jobs.boss.getJobById("scheduler.tick", again as string))?.state === "completed"),
    ).toBe(true);
    expect(await count("sla.breached")).toBe(1);
  }, 90_000);
});
