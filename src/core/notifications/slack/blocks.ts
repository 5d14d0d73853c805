/**
 * Block Kit for a notification DM: a header with the title, a section with the
 * text, the ticket's fields, a button opening the ticket and, for ticket
 * notifications, the interactive buttons (Update status, Resolve, Assign to me)
 * that POST /api/v1/slack/interactions handles. Plus a plain-text fallback for
 * notifications and clients that show no blocks.
 */
import { TICKET_STATUSES, type TicketStatus } from "../../../../common/enums.js";
import type { NotificationContent } from "../types.js";

/** action_id of each interactive element; the value names the ticket (its id). */
export const SLACK_ACTIONS = {
  status: "helpline.status",
  resolve: "helpline.resolve",
  assignMe: "helpline.assign_me",
  open: "helpline.open",
} as const;

/** Kinds whose DM carries the ticket action buttons. */
const TICKET_KINDS = new Set<NotificationContent["kind"]>([
  "ticket.created",
  "ticket.assigned",
  "ticket.updated",
  "ticket.resolved",
  "ticket.critical",
  "mention",
  "sla.warning",
  "sla.breached",
  "automation",
]);

/** Slack's limits: header text 150 characters, section text 3000, a field 2000. */
const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** `&`, `<` and `>` are control characters in Slack's mrkdwn. */
export function slackEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export const statusLabel = (s: string): string => s.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

/** The value of a status option: `<ticketId>:<status>` (a uuid has no colon). */
export const statusOptionValue = (ticketId: string, status: TicketStatus): string => `${ticketId}:${status}`;

const plain = (text: string) => ({ type: "plain_text", text, emoji: true });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });

function ticketActions(ticketId: string, status: string): Record<string, unknown> {
  const options = TICKET_STATUSES.filter((s) => s !== status).map((s) => ({
    text: plain(statusLabel(s)),
    value: statusOptionValue(ticketId, s),
  }));
  return {
    type: "actions",
    block_id: `helpline.ticket.${ticketId}`,
    elements: [
      {
        type: "static_select",
        action_id: SLACK_ACTIONS.status,
        placeholder: plain("Update status"),
        options,
      },
      ...(status === "resolved" || status === "closed" || status === "cancelled"
        ? []
        : [
            {
              type: "button",
              action_id: SLACK_ACTIONS.resolve,
              text: plain("Resolve"),
              style: "primary",
              value: ticketId,
            },
          ]),
      { type: "button", action_id: SLACK_ACTIONS.assignMe, text: plain("Assign to me"), value: ticketId },
    ],
  };
}

/** Slack shows `<!date^…>` in the reader's own time zone; the ISO text is the fallback. */
function slackDate(iso: string): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${iso}>`;
}

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

/** The plain-text fallback: title, text and link. */
export function slackFallback(content: NotificationContent): string {
  return [content.title, content.text, content.url].filter((s) => s && s.trim() !== "").join("\n");
}

/** The DM for one notification. */
export function slackBlocks(content: NotificationContent): SlackMessage {
  const blocks: Record<string, unknown>[] = [{ type: "header", text: plain(cut(content.title, 150)) }];
  if (content.text.trim()) blocks.push({ type: "section", text: mrkdwn(cut(slackEscape(content.text), 3000)) });
  const t = content.ticket;
  if (t) {
    blocks.push({
      type: "section",
      fields: [
        mrkdwn(`*Ticket*\n${cut(slackEscape(`${t.number} ${t.subject}`), 1900)}`),
        mrkdwn(`*Status*\n${statusLabel(t.status)}`),
        mrkdwn(`*Priority*\n${slackEscape(t.priority)}`),
        mrkdwn(`*Assignee*\n${t.assignee ? cut(slackEscape(t.assignee), 1900) : "Unassigned"}`),
      ],
    });
  }
  if (content.url) {
    blocks.push({
      type: "actions",
      block_id: "helpline.links",
      elements: [
        {
          type: "button",
          action_id: SLACK_ACTIONS.open,
          text: plain(t ? `Open ${t.number}` : "Open"),
          url: content.url,
          ...(t ? { value: t.id } : {}),
        },
      ],
    });
  }
  if (t && TICKET_KINDS.has(content.kind)) blocks.push(ticketActions(t.id, t.status));
  const context = [content.actor ? `By ${slackEscape(content.actor)}` : null, slackDate(content.occurredAt)].filter(
    Boolean,
  );
  if (context.length > 0) blocks.push({ type: "context", elements: [mrkdwn(context.join(" · "))] });
  return { text: cut(slackFallback(content), 3000), blocks };
}
