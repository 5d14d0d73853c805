import type PgBoss from "pg-boss";
import { createBoss } from "./boss.js";
import { OutboxDispatcher } from "./outbox-dispatcher.js";
import { type JobDeps, jobsFor } from "./registry.js";
import { SCHEDULE } from "./schedule.js";

export interface JobRuntime {
  boss: PgBoss;
  dispatcher: OutboxDispatcher;
  /** Enqueue a registered job now (used by the CLI and tests). */
  run(name: string, data?: Record<string, unknown>): Promise<string | null>;
  /** Enqueue a job unless one of that name is already waiting (a wake-up call: one is enough). */
  runSingleton(name: string): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * Starts the worker side: pg-boss, a worker per registered job, the recurring
 * schedule and the outbox dispatcher.
 */
export async function startJobs(deps: JobDeps, opts: { pollingIntervalSeconds?: number } = {}): Promise<JobRuntime> {
  const boss = createBoss(deps.database);
  boss.on("error", (err: Error) => deps.log("job runtime error", { error: err.message }));
  await boss.start();
  const jobs = jobsFor(deps.database.engine);
  const workerIds = new Map<string, string>();
  for (const job of jobs) {
    await boss.createQueue(job.name, { name: job.name, ...job.queue });
    const workerId = await boss.work<Record<string, unknown>>(
      job.name,
      { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5, batchSize: 20 },
      async (batch) => {
        // One failure must not fail its neighbours: fail it alone; pg-boss completes the rest.
        for (const j of batch) {
          try {
            await job.handle(deps, j.data as never);
          } catch (err) {
            deps.log("job failed; it will be retried", { job: job.name, id: j.id, error: (err as Error).message });
            await boss.fail(job.name, j.id, { message: (err as Error).message });
          }
        }
      },
    );
    workerIds.set(job.name, workerId);
  }
  for (const entry of SCHEDULE) {
    if (jobs.some((j) => j.name === entry.job)) await boss.schedule(entry.job, entry.cron, {}, { tz: "UTC" });
  }
  const deliverWorker = workerIds.get("outbox.deliver");
  const dispatcher = new OutboxDispatcher(deps, boss, () => {
    if (deliverWorker) boss.notifyWorker(deliverWorker);
  });
  dispatcher.start();
  return {
    boss,
    dispatcher,
    run: (name, data = {}) => boss.send(name, data),
    runSingleton: (name) => boss.send(name, {}, { singletonKey: name }),
    async stop() {
      await dispatcher.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
