/**
 * Reminder DMs for many people at once: the same steps as sendSlackDm
 * (users.lookupByEmail cached in slack_users for a day, "not in Slack" too;
 * conversations.open, its channel cached; chat.postMessage only to a channel
 * Slack gave us), but the cache is read with one query before and written with
 * one statement after, instead of three statements per person: a run for 500
 * people does not hold the (embedded) database for 1,500 round trips.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/connection.js";
import { slackUsers } from "../../../db/schema/index.js";
import { notInSlackReason, SLACK_LOOKUP_TTL_MS, type SlackDmResult } from "../slack/slack-dm.js";
import { SlackApiError, type SlackPort } from "../types.js";

/** Slack answers meaning a cached DM channel is no good any more: open it again. */
const STALE_CHANNEL = new Set(["channel_not_found", "is_archived", "not_in_channel"]);

interface Entry {
  slackUserId: string | null;
  dmChannelId: string | null;
  checkedAt: Date;
}

export interface SlackBatch {
  /** Sends one DM (throws when Slack fails), like sendSlackDm. */
  send(email: string, message: { text: string; blocks: unknown[] }): Promise<SlackDmResult>;
  /** Writes what was learnt (user ids, "not in Slack", DM channels) back to slack_users. */
  flush(): Promise<void>;
}

const normal = (email: string) => email.trim().toLowerCase();

export async function slackBatch(
  db: Db | Tx,
  slack: SlackPort,
  workspaceId: string,
  emails: readonly string[],
  now: Date,
): Promise<SlackBatch> {
  const wanted = [...new Set(emails.map(normal))];
  const rows =
    wanted.length === 0
      ? []
      : await db
          .select()
          .from(slackUsers)
          .where(and(eq(slackUsers.workspaceId, workspaceId), inArray(slackUsers.email, wanted)));
  const cache = new Map<string, Entry>(rows.map((r) => [r.email, r]));
  const changed = new Set<string>();

  const userOf = async (email: string): Promise<Entry> => {
    const hit = cache.get(email);
    if (hit && now.getTime() - hit.checkedAt.getTime() < SLACK_LOOKUP_TTL_MS) return hit;
    const slackUserId = await slack.lookupByEmail(email);
    // The same person keeps their DM channel; anyone else gets one opened anew.
    const dmChannelId = slackUserId && hit?.slackUserId === slackUserId ? hit.dmChannelId : null;
    const entry = { slackUserId, dmChannelId, checkedAt: now };
    cache.set(email, entry);
    changed.add(email);
    return entry;
  };

  return {
    async send(rawEmail, message) {
      const email = normal(rawEmail);
      const user = await userOf(email);
      if (!user.slackUserId) return { status: "skipped", reason: notInSlackReason(email) };
      if (user.dmChannelId) {
        try {
          const { ts } = await slack.postMessage(user.dmChannelId, message);
          return { status: "sent", slackUserId: user.slackUserId, channel: user.dmChannelId, ts };
        } catch (err) {
          if (!(err instanceof SlackApiError && STALE_CHANNEL.has(err.code))) throw err;
          user.dmChannelId = null;
          changed.add(email);
        }
      }
      const channel = await slack.openDm(user.slackUserId);
      user.dmChannelId = channel;
      changed.add(email);
      const { ts } = await slack.postMessage(channel, message);
      return { status: "sent", slackUserId: user.slackUserId, channel, ts };
    },
    async flush() {
      if (changed.size === 0) return;
      const values = [...changed].map((email) => {
        const e = cache.get(email) as Entry;
        return { workspaceId, email, slackUserId: e.slackUserId, dmChannelId: e.dmChannelId, checkedAt: e.checkedAt };
      });
      await db
        .insert(slackUsers)
        .values(values)
        .onConflictDoUpdate({
          target: [slackUsers.workspaceId, slackUsers.email],
          set: {
            slackUserId: sql`excluded.slack_user_id`,
            dmChannelId: sql`excluded.dm_channel_id`,
            checkedAt: sql`excluded.checked_at`,
          },
        });
      changed.clear();
    },
  };
}
