import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

let t: TestDesk;
beforeAll(async () => {
  t = await openTestDesk();
});
afterAll(async () => {
  await t.close();
});

/** Counters kept by the triggers next to a count over the tickets themselves. */
async function compare(ws: Helpdesk) {
  const r = await ws.database.executeSql(
    `select a.id::text as agent,
            coalesce(w.open_count, 0)::int as counter,
            (select count(*) from tickets t where t.assignee_id = a.id
               and t.status in ('open','in_progress','on_hold','review','pending_customer'))::int as counted
       from agents a left join agent_workloads w on w.agent_id = a.id
      where a.workspace_id = $1 order by a.email`,
    [ws.workspace.id],
  );
  return r.rows as { agent: string; counter: number; counted: number }[];
}

describe(`agent workload counters (${engineUnderTest})`, () => {
  it("follow creates, reassignments, status changes and bulk inserts exactly", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const ana = await ws.people.createAgent({ email: "ana@desk.test", name: "Ana" });
    const bo = await ws.people.createAgent({ email: "bo@desk.test", name: "Bo" });
    const a1 = await ws.tickets.create({ subject: "one", assignee: ana.email });
    const a2 = await ws.tickets.create({ subject: "two", assignee: ana.email });
    const b1 = await ws.tickets.create({ subject: "three", assignee: bo.email });
    await ws.tickets.create({ subject: "unassigned" });
    expect((await compare(ws)).map((r) => r.counter)).toEqual([2, 1]);

    await ws.tickets.assign(a2.number, bo.email);
    await ws.tickets.updateStatus(b1.number, "resolved");
    expect((await compare(ws)).map((r) => r.counter)).toEqual([1, 1]);
    await ws.tickets.updateStatus(b1.number, "open");
    await ws.tickets.updateStatus(a1.number, "pending_customer");
    await ws.tickets.assign(a1.number, null);
    expect((await compare(ws)).map((r) => r.counter)).toEqual([0, 2]);

    // A set-based insert (imports, the bench) counts once per statement.
    await ws.database.executeSql(
      `insert into tickets (id, workspace_id, number, subject, status, urgency, importance, priority, type, tags,
          creator_type, assignee_id, channel, custom_fields, sla_hours, sla_due_at, created_at, updated_at)
       select gen_random_uuid(), $1, 5000 + g, 'bulk', case when g % 3 = 0 then 'closed' else 'open' end,
          'low', 'low', 4, 'question', '{}', 'system', case when g % 2 = 0 then $2::uuid else $3::uuid end, 'api', '{}',
          168, now() + interval '7 days', now(), now()
         from generate_series(1, 30) g`,
      [ws.workspace.id, ana.id, bo.id],
    );
    for (const row of await compare(ws)) expect(row.counter).toBe(row.counted);
    expect((await compare(ws)).map((r) => r.counter)).toEqual([10, 12]);
  });
});
