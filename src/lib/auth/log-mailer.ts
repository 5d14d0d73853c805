import type { Mailer } from "../../core/auth/index.js";

/**
 * The mail transport until email lands: each message goes to the desk's log.
 * It carries what the message carries (a reset token), so the log must be as
 * private as the mailboxes would be.
 */
export function logMailer(log: (msg: string, extra?: Record<string, unknown>) => void): Mailer {
  return {
    async send(message) {
      log(`mail to ${message.to}: ${message.subject}`, {
        transport: "log",
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    },
  };
}
