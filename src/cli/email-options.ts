import { type Config, outboundEmailOption } from "../config/index.js";
import { type HelpdeskOptions, smtpTransport } from "../lib/index.js";

/**
 * The desk's email options from configuration: size limit, outbound transport
 * (HELPLINE_SMTP_URL) and default From. The server says once when outbound mail is off.
 */
export function emailOptions(
  config: Config,
  opts: { warnWhenOff?: boolean } = {},
): NonNullable<HelpdeskOptions["email"]> {
  const { smtpUrl, defaultFrom } = outboundEmailOption(config);
  if (!smtpUrl && opts.warnWhenOff) {
    process.stderr.write(`${JSON.stringify({ level: "warn", msg: "outbound email is off: set HELPLINE_SMTP_URL" })}\n`);
  }
  return {
    limits: { maxMessageBytes: config.HELPLINE_EMAIL_MAX_BYTES },
    ...(smtpUrl ? { transport: smtpTransport(smtpUrl) } : {}),
    ...(defaultFrom ? { defaultFrom } : {}),
  };
}
