import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOBS, jobsFor } from "../../src/jobs/registry.js";
import type { JobRuntime } from "../../src/jobs/runtime.js";
import { SCHEDULE } from "../../src/jobs/schedule.js";
import { engineUnderTest, openTestDesk, type TestDesk } from "../harness.js";

const CRON_FIELD = /^(\*|\d+|\*\/\d+|\d+-\d+|\d+(,\d+)+)$/;

describe("the job registry and the schedule", () => {
  it("schedules only registered jobs, with five-field cron expressions", () => {
    const names = new Set(JOBS.map((j) => j.name));
    expect(names.size).toBe(JOBS.length);
    for (const entry of SCHEDULE) {
      expect(names.has(entry.job), entry.job).toBe(true);
      const fields = entry.cron.split(" ");
      expect(fields, entry.cron).toHaveLength(5);
      for (const f of fields) expect(f, entry.cron).toMatch(CRON_FIELD);
      expect(entry.why.length).toBeGreaterThan(0);
    }
  });

  it("runs VACUUM and CHECKPOINT only on the embedded database", () => {
    expect(jobsFor("pglite").map((j) => j.name)).toEqual(
      expect.arrayContaining(["outbox.deliver", "db.vacuum", "db.checkpoint"]),
    );
    expect(jobsFor("postgres").map((j) => j.name)).toEqual([
      "outbox.deliver",
      "scheduler.tick",
      "email.ingest",
      "email.send",
      "email.poll-mailboxes",
    ]);
  });
});

describe(`the worker on ${engineUnderTest}`, () => {
  let t: TestDesk;
  let jobs: JobRuntime;

  beforeAll(async () => {
    t = await openTestDesk();
    jobs = await t.desk.startWorker();
  });

  afterAll(async () => {
    await t.close();
  });

  it("registers every recurring job of its engine with pg-boss", async () => {
    const rows = await t.desk.database.executeSql("select name, cron from pgboss.schedule order by name");
    const expected = SCHEDULE.filter((s) => jobsFor(t.desk.engine).some((j) => j.name === s.job))
      .map((s) => ({ name: s.job, cron: s.cron }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(rows.rows).toEqual(expected);
  });

  it("completes each maintenance job of its engine when run", async () => {
    let ran = 0;
    for (const job of jobsFor(t.desk.engine).filter((j) => j.name.startsWith("db."))) {
      const id = await jobs.run(job.name);
      expect(id).toBeTruthy();
      const deadline = Date.now() + 30_000;
      let state = "";
      while (Date.now() < deadline) {
        state = (await jobs.boss.getJobById(job.name, id as string))?.state ?? "";
        if (state === "completed" || state === "failed") break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(state, job.name).toBe("completed");
      ran++;
    }
    // PostgreSQL autovacuums and checkpoints by itself; PGlite needs both jobs.
    expect(ran).toBe(t.desk.engine === "pglite" ? 2 : 0);
  });
});
