import type { MailboxChangeView, MailboxRemovalView, MailboxTestView, MailboxView } from "../../../common/api/email.js";
import type { Mailbox, MailboxChange, MailboxRemoval, MailboxTestResult } from "../../lib/index.js";

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** A mailbox as the API shows it: settings without the password, state, no secret. */
export function presentMailbox(m: Mailbox): MailboxView {
  return {
    id: m.id,
    address: m.address,
    displayName: m.displayName,
    team: m.team ? { id: m.team.id, name: m.team.name } : null,
    enabled: m.enabled,
    imap: m.imap
      ? {
          host: m.imap.host,
          port: m.imap.port,
          tls: m.imap.tls,
          allowSelfSigned: m.imap.allowSelfSigned,
          user: m.imap.user,
          folder: m.imap.folder,
          afterProcess: m.imap.afterProcess,
          moveTo: m.imap.moveTo,
          idleSeconds: m.imap.idleSeconds,
          pollMinutes: m.imap.pollMinutes,
          passwordSet: m.imap.passwordSet,
        }
      : null,
    imapState: {
      uidValidity: m.imapState.uidValidity,
      lastUid: m.imapState.lastUid,
      lastPolledAt: isoOrNull(m.imapState.lastPolledAt),
      nextPollAt: isoOrNull(m.imapState.nextPollAt),
      lastError: m.imapState.lastError,
      lastErrorAt: isoOrNull(m.imapState.lastErrorAt),
    },
    httpInbound: m.httpInbound,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export const presentMailboxChange = (c: MailboxChange): MailboxChangeView => ({
  mailbox: presentMailbox(c.mailbox),
  httpSecret: c.httpSecret,
});

export const presentMailboxRemoval = (r: MailboxRemoval): MailboxRemovalView => ({
  outcome: r.outcome,
  message: r.message,
  mailbox: presentMailbox(r.mailbox),
});

export const presentMailboxTest = (t: MailboxTestResult): MailboxTestView => ({
  address: t.address,
  ok: t.ok,
  imap: { ...t.imap },
  outbound: { ...t.outbound },
});
