/**
 * Sending one Slack DM to a person known by email: users.lookupByEmail (cached
 * in slack_users for a day, "not in Slack" too), conversations.open (the DM
 * channel cached with it), chat.postMessage. Only a channel id Slack gave us
 * from conversations.open is ever posted to.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../../db/connection.js";
import { slackUsers } from "../../../db/schema/index.js";
import { type NotifyEnv, SlackApiError, type SlackPort } from "../types.js";

/** Why Slack deliveries are skipped when no bot token is configured. */
export const SLACK_OFF = "Slack is off: SLACK_BOT_TOKEN is not set";

/** A lookup (found or not) is trusted this long before Slack is asked again. */
export const SLACK_LOOKUP_TTL_MS = 24 * 60 * 60_000;

/** Slack answers meaning the cached DM channel is no good any more: open it again. */
const STALE_CHANNEL = new Set(["channel_not_found", "is_archived", "not_in_channel"]);

export type SlackDmResult =
  | { status: "sent"; slackUserId: string; channel: string; ts: string }
  | { status: "skipped"; reason: string };

export interface SlackUserEntry {
  slackUserId: string | null;
  dmChannelId: string | null;
}

const normal = (email: string) => email.trim().toLowerCase();

export const notInSlackReason = (email: string) => `no Slack user with email ${normal(email)}`;

/** The cached Slack user for an address, and whether it was looked up less than a day ago. */
async function cached(
  db: Tx,
  workspaceId: string,
  email: string,
  now: Date,
): Promise<(SlackUserEntry & { fresh: boolean }) | undefined> {
  const [row] = await db
    .select()
    .from(slackUsers)
    .where(and(eq(slackUsers.workspaceId, workspaceId), eq(slackUsers.email, email)));
  if (!row) return undefined;
  const fresh = now.getTime() - row.checkedAt.getTime() < SLACK_LOOKUP_TTL_MS;
  return { slackUserId: row.slackUserId, dmChannelId: row.dmChannelId, fresh };
}

async function remember(db: Tx, workspaceId: string, email: string, entry: SlackUserEntry, now: Date): Promise<void> {
  await db
    .insert(slackUsers)
    .values({ workspaceId, email, ...entry, checkedAt: now })
    .onConflictDoUpdate({
      target: [slackUsers.workspaceId, slackUsers.email],
      set: { slackUserId: entry.slackUserId, dmChannelId: entry.dmChannelId, checkedAt: now },
    });
}

async function rememberChannel(db: Tx, workspaceId: string, email: string, channel: string | null): Promise<void> {
  await db
    .update(slackUsers)
    .set({ dmChannelId: channel })
    .where(and(eq(slackUsers.workspaceId, workspaceId), eq(slackUsers.email, email)));
}

/**
 * The Slack user id for an address (null: not in Slack), asking Slack at most
 * once a day per address and workspace.
 */
export async function slackUserFor(
  db: Tx,
  slack: SlackPort,
  workspaceId: string,
  rawEmail: string,
  now: Date,
): Promise<SlackUserEntry> {
  const email = normal(rawEmail);
  const hit = await cached(db, workspaceId, email, now);
  if (hit?.fresh) return { slackUserId: hit.slackUserId, dmChannelId: hit.dmChannelId };
  const slackUserId = await slack.lookupByEmail(email);
  // The same person keeps their DM channel; anyone else gets one opened anew.
  const entry = { slackUserId, dmChannelId: slackUserId && hit?.slackUserId === slackUserId ? hit.dmChannelId : null };
  await remember(db, workspaceId, email, entry, now);
  return entry;
}

/** The email of a Slack user we have looked up in this workspace (interactions), if cached. */
export async function cachedEmailOf(db: Tx, workspaceId: string, slackUserId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ email: slackUsers.email })
    .from(slackUsers)
    .where(and(eq(slackUsers.workspaceId, workspaceId), eq(slackUsers.slackUserId, slackUserId)))
    .orderBy(sql`${slackUsers.checkedAt} desc`)
    .limit(1);
  return row?.email;
}

/**
 * Sends one DM to the person with this address. Slack off or the person not in
 * Slack: `skipped` with the reason (nothing is posted). Slack errors throw (SlackApiError with
 * Slack's code; other errors when Slack did not answer).
 */
export async function sendSlackDm(
  db: Tx,
  env: Pick<NotifyEnv, "slack">,
  workspaceId: string,
  rawEmail: string,
  message: { text: string; blocks: unknown[] },
  now: Date,
): Promise<SlackDmResult> {
  const slack = env.slack;
  if (!slack) return { status: "skipped", reason: SLACK_OFF };
  const email = normal(rawEmail);
  if (!email) return { status: "skipped", reason: "the recipient has no email address to find them in Slack" };
  const user = await slackUserFor(db, slack, workspaceId, email, now);
  if (!user.slackUserId) return { status: "skipped", reason: notInSlackReason(email) };
  let channel = user.dmChannelId;
  if (channel) {
    try {
      const { ts } = await slack.postMessage(channel, message);
      return { status: "sent", slackUserId: user.slackUserId, channel, ts };
    } catch (err) {
      if (!(err instanceof SlackApiError && STALE_CHANNEL.has(err.code))) throw err;
      await rememberChannel(db, workspaceId, email, null);
    }
  }
  channel = await slack.openDm(user.slackUserId);
  await rememberChannel(db, workspaceId, email, channel);
  const { ts } = await slack.postMessage(channel, message);
  return { status: "sent", slackUserId: user.slackUserId, channel, ts };
}
