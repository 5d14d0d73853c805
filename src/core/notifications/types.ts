/**
 * Contracts of notifications (issue 7). Core declares the kinds, channels,
 * content and ports; `src/integrations/slack` implements the Slack port with
 * @slack/web-api, `src/integrations/http` the webhook poster.
 */
import type { EmailEnv } from "../channels/index.js";

/** What a notification is about; preferences are per kind and channel. */
export const NOTIFICATION_KINDS = [
  /** Seed 000: created → creator + admin. */
  "ticket.created",
  /** Seed 000: assigned or reassigned → assignee + creator (seed 001: in-app at once). */
  "ticket.assigned",
  /** Seed 000: updated (fields, status, messages, notes) → creator + assignee. */
  "ticket.updated",
  /** Seed 000: resolved → creator + admin. */
  "ticket.resolved",
  /** Seed 001: critical urgency × critical importance → every agent. */
  "ticket.critical",
  /** Seed 001: @mention → the mentioned agent. */
  "mention",
  /** Seed 001/003: SLA warning → assignee and team lead. */
  "sla.warning",
  /** SLA breached → assignee and team lead. */
  "sla.breached",
  /** An automation rule's `notify` action (notification.requested). */
  "automation",
  /** A webhook subscription was disabled after repeated failures → admins. */
  "webhook.disabled",
  /** Seed 000's daily reminder (open, in progress, personal, pending production). */
  "reminder",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Per-person channels. (Teams and webhooks are per workspace: webhook subscriptions.) */
export const NOTIFICATION_CHANNELS = ["in_app", "email", "slack"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Why this person hears about it (shown in the delivery log; several may apply). */
export type RecipientReason =
  | "creator"
  | "admin"
  | "assignee"
  | "previous_assignee"
  | "team_lead"
  | "all_agents"
  | "mentioned"
  | "requested";

export interface Recipient {
  /** An agent of the workspace, or a customer (email only), or a bare address (HELPLINE_ADMIN_EMAIL). */
  type: "agent" | "customer" | "address";
  id: string | null;
  email: string;
  name: string | null;
  reasons: RecipientReason[];
}

/**
 * The rendered notification, stored on each delivery row; every channel formats
 * it its own way (in-app row, email template, Slack Block Kit, Teams card).
 */
export interface NotificationContent {
  kind: NotificationKind;
  /** One line: "TKT-1001 assigned to you: Printer on fire". */
  title: string;
  /** A few lines of detail (what changed, the message preview, the rule's message). */
  text: string;
  /** Absolute link to the ticket (HELPLINE_PUBLIC_URL + /tickets/TKT-1001), when there is one. */
  url: string | null;
  ticket: {
    id: string;
    number: string;
    subject: string;
    status: string;
    priority: string;
    assignee: string | null;
  } | null;
  /** Who did it ("Alice Agent", "Rule 'Escalate VIP'", "Dana Customer"). */
  actor: string | null;
  occurredAt: string;
}

/** Port: the Slack Web API calls we make (implemented with @slack/web-api). */
export interface SlackPort {
  /** users.lookupByEmail: the user id, or null when Slack has nobody with that address. */
  lookupByEmail(email: string): Promise<string | null>;
  /** conversations.open with one user: the DM channel id. */
  openDm(userId: string): Promise<string>;
  /** chat.postMessage with Block Kit blocks and a plain-text fallback. */
  postMessage(channel: string, message: { text: string; blocks: unknown[] }): Promise<{ ts: string }>;
  /** users.info: the user's profile email (interactive buttons), or null when hidden or unknown. */
  userEmail?(userId: string): Promise<string | null>;
}

/** A Slack Web API call Slack answered `ok: false`; `code` is Slack's error ("channel_not_found"). */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "SlackApiError";
  }
}

/** Port: POST a body to a URL (webhooks, Teams); never throws for an HTTP status, only for no answer. */
export type HttpPoster = (
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
) => Promise<{ status: number; body: string }>;

/** Port: live in-app delivery (the realtime connection); best effort, the rows are the truth. */
export interface RealtimeBus {
  publish(channel: string, message: Record<string, unknown>): Promise<void>;
  subscribe(channel: string, onMessage: (message: Record<string, unknown>) => void): Promise<() => Promise<void>>;
}

/** What notifications need from the process that runs them (built in lib). */
export interface NotifyEnv {
  email: EmailEnv;
  /** Undefined when SLACK_BOT_TOKEN is not set: Slack deliveries are skipped with that reason. */
  slack?: SlackPort;
  /** Slack's signing secret for the interactions endpoint (SLACK_SIGNING_SECRET). */
  slackSigningSecret?: string;
  http: HttpPoster;
  bus?: RealtimeBus;
  /** HELPLINE_ADMIN_EMAIL: an admin of seed 000's matrix besides the workspace's superadmins. */
  adminEmail?: string;
  /** Base of links in notifications, e.g. https://desk.example.com (HELPLINE_PUBLIC_URL). */
  publicUrl: string;
}
