import type { Config } from "../config/index.js";
import { type HelpdeskOptions, slackWebApi } from "../lib/index.js";

const warn = (msg: string, extra?: Record<string, unknown>) =>
  process.stderr.write(`${JSON.stringify({ level: "warn", msg, ...extra })}\n`);

/**
 * The desk's notification options from configuration: the notification admin
 * (HELPLINE_ADMIN_EMAIL), the public URL links start with, and Slack
 * (SLACK_BOT_TOKEN, SLACK_API_URL). The server says once when Slack is off.
 */
export function notifyOptions(
  config: Config,
  opts: { warnWhenOff?: boolean } = {},
): NonNullable<HelpdeskOptions["notify"]> {
  if (!config.SLACK_BOT_TOKEN && opts.warnWhenOff) warn("Slack is off: set SLACK_BOT_TOKEN to send Slack DMs");
  return {
    publicUrl: config.HELPLINE_PUBLIC_URL,
    ...(config.HELPLINE_ADMIN_EMAIL ? { adminEmail: config.HELPLINE_ADMIN_EMAIL } : {}),
    ...(config.SLACK_BOT_TOKEN
      ? { slack: slackWebApi({ token: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL, log: warn }) }
      : {}),
    ...(config.SLACK_SIGNING_SECRET ? { slackSigningSecret: config.SLACK_SIGNING_SECRET } : {}),
  };
}
