import { inArray } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { listensTo } from "../core/kernel/index.js";
import type { CommittedEvent } from "../core/live/index.js";
import { outboxEvents } from "../db/schema/index.js";
import type { JobDeps } from "./deps.js";
import { deliveryJobId } from "./job-id.js";

const BATCH = 200;
const IDLE_MS = 500;
const LEASE_SECONDS = 60;

/**
 * Moves committed events from the outbox into pg-boss, one `outbox.deliver`
 * job per interested listener.
 *
 * 1. claim a batch with a lease (SKIP LOCKED: several workers share the work);
 * 2. enqueue the jobs (ids are deterministic, so enqueuing twice is harmless);
 * 3. mark the rows dispatched.
 * A crash after 1 or 2 leaves rows whose lease expires and are claimed again:
 * every event is delivered at least once. No transaction spans step 2, which
 * matters on PGlite, where a query outside an open transaction waits for it.
 */
export class OutboxDispatcher {
  private running = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly deps: JobDeps,
    private readonly boss: PgBoss,
    private readonly enqueued: () => void = () => undefined,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Ask for an immediate pass (after a local commit). */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** One pass: returns how many events were dispatched. */
  async dispatchOnce(): Promise<number> {
    const { database } = this.deps;
    const claimed = await database.executeSql(
      `update outbox_events set claimed_until = now() + interval '${LEASE_SECONDS} seconds'
        where seq in (
          select seq from outbox_events
           where dispatched_at is null and (claimed_until is null or claimed_until < now())
           order by seq limit ${BATCH}
           for update skip locked)
        returning id::text as id, seq::text as seq, type, workspace_id::text as "workspaceId",
                  subject_type as "subjectType", subject_id::text as "subjectId", actor, occurred_at as "occurredAt"`,
    );
    const rows = claimed.rows as unknown as CommittedEvent[];
    if (rows.length === 0) return 0;
    for (const r of rows) r.occurredAt = new Date(r.occurredAt);
    this.deps.onDispatched?.(rows);
    const jobs: PgBoss.JobInsert[] = [];
    for (const row of rows) {
      for (const l of this.deps.listeners()) {
        if (!listensTo(l, row.type)) continue;
        jobs.push({
          id: deliveryJobId(row.id, l.name),
          name: "outbox.deliver",
          data: { eventId: row.id, listener: l.name },
        });
      }
    }
    if (jobs.length > 0) await this.boss.insert(jobs);
    await database.db
      .update(outboxEvents)
      .set({ dispatchedAt: new Date() })
      .where(
        inArray(
          outboxEvents.seq,
          rows.map((r) => Number(r.seq)),
        ),
      );
    if (jobs.length > 0) this.enqueued();
    return rows.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let n = 0;
      try {
        n = await this.dispatchOnce();
      } catch (err) {
        this.deps.log("outbox dispatch failed; retrying", { error: (err as Error).message });
      }
      if (n >= BATCH || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, IDLE_MS);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }
}
