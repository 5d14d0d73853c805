/**
 * One reminder, written for each channel: Slack Block Kit (a header, one
 * section per non-empty group with linked lines, a context line with the
 * counts) with a plain-text fallback, and an email (subject, text, HTML).
 */
import {
  type AgentReminder,
  REMINDER_SECTIONS,
  type ReminderLine,
  type ReminderSection,
  SECTION_TITLES,
} from "./collect.js";

export const REMINDER_HEADER = "Your tickets today";

/** Slack's limit for a section's text is 3,000 characters; stay below it with room for "…and N more". */
const SECTION_BUDGET = 2_800;
const SUBJECT_MAX = 90;

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** `&`, `<` and `>` are control characters in Slack's mrkdwn. */
const slackText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const htmlText = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const LOWER_TITLES: Record<ReminderSection, string> = {
  open: "open",
  inProgress: "in progress",
  personal: "personal",
  pendingProduction: "pending production",
};

/** "3 open, 1 in progress, 2 pending production" (empty sections left out). */
export function countsText(reminder: AgentReminder): string {
  return REMINDER_SECTIONS.filter((s) => reminder.sections[s].length > 0)
    .map((s) => `${reminder.sections[s].length} ${LOWER_TITLES[s]}`)
    .join(", ");
}

function slackLine(line: ReminderLine): string {
  return `• <${line.url}|${line.number}> ${slackText(cut(line.subject, SUBJECT_MAX))} · ${line.priority} · ${line.age}`;
}

function slackSection(section: ReminderSection, lines: ReminderLine[]): string {
  let text = `*${SECTION_TITLES[section]} (${lines.length})*`;
  for (let i = 0; i < lines.length; i++) {
    const next = slackLine(lines[i] as ReminderLine);
    if (text.length + next.length + 1 > SECTION_BUDGET) {
      text += `\n…and ${lines.length - i} more`;
      break;
    }
    text += `\n${next}`;
  }
  return text;
}

/** The Slack DM: blocks plus a plain-text fallback (notifications, clients without blocks). */
export function reminderSlackMessage(reminder: AgentReminder, publicUrl: string): { text: string; blocks: unknown[] } {
  const blocks: unknown[] = [{ type: "header", text: { type: "plain_text", text: REMINDER_HEADER, emoji: true } }];
  for (const section of REMINDER_SECTIONS) {
    const lines = reminder.sections[section];
    if (lines.length === 0) continue;
    blocks.push({ type: "section", text: { type: "mrkdwn", text: slackSection(section, lines) } });
  }
  const counts = REMINDER_SECTIONS.map(
    (s) => `${SECTION_TITLES[s].replace(/ \(.*\)$/, "")}: ${reminder.sections[s].length}`,
  );
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: `${counts.join(" · ")} · <${publicUrl}|Open Helpline>` }],
  });
  return { text: `${REMINDER_HEADER}: ${countsText(reminder)}`, blocks };
}

/** The reminder as an email (kind notification, through the outbox). */
export function reminderEmail(
  reminder: AgentReminder,
  publicUrl: string,
): { subject: string; text: string; html: string } {
  const subject = `${REMINDER_HEADER}: ${countsText(reminder)}`;
  const text: string[] = [`Hello ${reminder.name},`, "", `${REMINDER_HEADER}:`];
  const html: string[] = [`<p>Hello ${htmlText(reminder.name)},</p>`, `<h2>${REMINDER_HEADER}</h2>`];
  for (const section of REMINDER_SECTIONS) {
    const lines = reminder.sections[section];
    if (lines.length === 0) continue;
    text.push("", `${SECTION_TITLES[section]} (${lines.length})`);
    html.push(`<h3>${htmlText(SECTION_TITLES[section])} (${lines.length})</h3>`, "<ul>");
    for (const line of lines) {
      text.push(`  ${line.number}  ${line.subject}  (${line.priority}, ${line.age})`, `    ${line.url}`);
      html.push(
        `<li><a href="${htmlText(line.url)}">${htmlText(line.number)}</a> ${htmlText(line.subject)} · ${line.priority} · ${line.age}</li>`,
      );
    }
    html.push("</ul>");
  }
  text.push("", `Helpline: ${publicUrl}`);
  html.push(`<p><a href="${htmlText(publicUrl)}">Open Helpline</a></p>`);
  return { subject, text: text.join("\n"), html: html.join("\n") };
}
