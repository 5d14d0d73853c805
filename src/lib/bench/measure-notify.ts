/**
 * Issue 7's figures: 1,000 events fanned out to their notifications (recipients,
 * preferences, in-app rows and delivery rows), and daily reminders for 500
 * agents sent as Slack DMs through the official client to a local
 * Slack-compatible server.
 */
import { systemActor } from "../../core/kernel/index.js";
import { fanoutListener, type NotifyEnv, sendReminders } from "../../core/notifications/index.js";
import { fetchPoster } from "../../integrations/http/post.js";
import { slackWebApi } from "../../integrations/slack/slack-web-api.js";
import { deliverEvent } from "../../jobs/deliver-event.js";
import type { JobDeps } from "../../jobs/deps.js";
import type { Helpdesk } from "../create-helpdesk.js";
import { detachedEmailEnv } from "../engine-wiring.js";
import type { BenchCast } from "./seed-people.js";
import { startSlackStub } from "./slack-stub.js";
import { round } from "./stats.js";

type Tick = (done: number, total: number) => void;

export interface NotifyMeasurement {
  fanout: { events: number; lanes: number; deliveries: number; in_app: number; seconds: number };
  reminders: { users: number; tickets: number; slack_posts: number; seconds: number };
}

const EVENTS = 1000;
const LANES = 4;
const REMINDER_USERS = 500;
const TICKETS_PER_USER = 4;

export async function measureNotify(desk: Helpdesk, cast: BenchCast, tick: Tick): Promise<NotifyMeasurement> {
  const slack = await startSlackStub();
  try {
    const env: NotifyEnv = {
      email: detachedEmailEnv(),
      http: fetchPoster,
      publicUrl: "http://localhost:3000",
      slack: slackWebApi({ token: "xoxb-bench", apiUrl: slack.url }),
    };
    const fanout = await measureFanout(desk, cast, env, (n) => tick(n, EVENTS + REMINDER_USERS));
    const reminders = await measureReminders(desk, env, slack.posted, (n) => tick(EVENTS + n, EVENTS + REMINDER_USERS));
    tick(EVENTS + REMINDER_USERS, EVENTS + REMINDER_USERS);
    return { fanout, reminders };
  } finally {
    await slack.close();
  }
}

/** Assigns 1,000 active tickets (the events), then times their delivery to the fan-out listener alone. */
async function measureFanout(
  desk: Helpdesk,
  cast: BenchCast,
  env: NotifyEnv,
  progress: (n: number) => void,
): Promise<NotifyMeasurement["fanout"]> {
  const ws = desk.workspace.id;
  const picked = await desk.database.executeSql(
    `select id::text as id from tickets where workspace_id = $1 and status in ('open','in_progress') order by random() limit $2`,
    [ws, EVENTS],
  );
  const ids = picked.rows.map((r) => String((r as { id: string }).id));
  const since = await desk.database.executeSql("select coalesce(max(seq), 0)::bigint as seq from outbox_events");
  const from = Number((since.rows[0] as { seq: number }).seq);
  for (const [i, id] of ids.entries()) {
    const agent = cast.agents[i % cast.agents.length];
    if (agent) await desk.tickets.assign(id, agent.email);
  }
  const events = await desk.database.executeSql(
    "select id::text as id from outbox_events where workspace_id = $1 and seq > $2 and type = 'ticket.assigned' order by seq",
    [ws, from],
  );
  const eventIds = events.rows.map((r) => String((r as { id: string }).id));
  const listener = fanoutListener(env);
  const deps: JobDeps = {
    database: desk.database,
    listeners: () => [listener],
    dueWork: () => [],
    log: () => undefined,
    clock: { now: () => new Date() },
  };
  let next = 0;
  let done = 0;
  const started = performance.now();
  const lane = async () => {
    for (;;) {
      const eventId = eventIds[next++];
      if (!eventId) return;
      await deliverEvent(deps, { eventId, listener: listener.name });
      done += 1;
      if (done % 50 === 0) progress(done);
    }
  };
  await Promise.all(Array.from({ length: desk.engine === "postgres" ? LANES : 1 }, lane));
  const seconds = (performance.now() - started) / 1000;
  const counts = await desk.database.executeSql(
    `select (select count(*)::int from notification_deliveries where event_id = any($1::uuid[])) as deliveries,
            (select count(*)::int from notifications where event_id = any($1::uuid[])) as in_app`,
    [eventIds],
  );
  const row = counts.rows[0] as { deliveries: number; in_app: number } | undefined;
  return {
    events: eventIds.length,
    lanes: desk.engine === "postgres" ? LANES : 1,
    deliveries: row?.deliveries ?? 0,
    in_app: row?.in_app ?? 0,
    seconds: round(seconds, 2),
  };
}

/** 500 agents with a few assigned tickets each; one reminder run, timed end to end. */
async function measureReminders(
  desk: Helpdesk,
  env: NotifyEnv,
  posted: () => number,
  progress: (n: number) => void,
): Promise<NotifyMeasurement["reminders"]> {
  const ws = desk.workspace.id;
  await desk.database.executeSql(
    `insert into agents (id, workspace_id, email, name, role, created_at)
     select gen_random_uuid(), $1, 'reminded' || g || '@bench.example', 'Reminded Agent ' || g, 'agent', now()
       from generate_series(1, $2) g
     on conflict do nothing`,
    [ws, REMINDER_USERS],
  );
  const assigned = await desk.database.executeSql(
    `with a as (select id, row_number() over (order by email) - 1 as k from agents
                 where workspace_id = $1 and email like 'reminded%@bench.example'),
          t as (select id, row_number() over (order by random()) - 1 as k from tickets
                 where workspace_id = $1 and status in ('open','in_progress') limit $2)
     update tickets set assignee_id = a.id from t, a
      where tickets.id = t.id and a.k = t.k % $3
     returning tickets.id`,
    [ws, REMINDER_USERS * TICKETS_PER_USER, REMINDER_USERS],
  );
  const before = posted();
  const started = performance.now();
  const ctx = { actor: systemActor("bench"), workspaceId: ws, db: desk.database.db, clock: { now: () => new Date() } };
  const report = await sendReminders(
    ctx,
    env,
    { runKey: `bench-${Date.now()}` },
    {
      onProgress: (done: number) => progress(Math.min(done, REMINDER_USERS)),
    },
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    users: report.users.filter((u) => u.status === "sent").length,
    tickets: assigned.rows.length,
    slack_posts: posted() - before,
    seconds: round(seconds, 2),
  };
}
