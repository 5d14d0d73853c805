import type { Config } from "../config/index.js";
import type { HelpdeskOptions } from "../lib/index.js";

/**
 * The desk's notification options from configuration: the notification admin
 * (HELPLINE_ADMIN_EMAIL), the public URL links start with, and Slack.
 */
export function notifyOptions(config: Config): NonNullable<HelpdeskOptions["notify"]> {
  return {
    publicUrl: config.HELPLINE_PUBLIC_URL,
    ...(config.HELPLINE_ADMIN_EMAIL ? { adminEmail: config.HELPLINE_ADMIN_EMAIL } : {}),
    ...(config.SLACK_SIGNING_SECRET ? { slackSigningSecret: config.SLACK_SIGNING_SECRET } : {}),
  };
}
