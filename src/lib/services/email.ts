import { authorize } from "../../core/access/index.js";
import * as email from "../../core/channels/index.js";
import type { Ctx } from "../../core/kernel/index.js";
import type { Mutation } from "./people.js";

/** What the email services need besides the actor's context. */
export interface EmailRuntime {
  env: email.EmailEnv;
  /** Something was stored that background work should pick up now (inbound to process, mail to send). */
  wake: (what: "inbound" | "outbound") => void;
}

/**
 * The email channel: the three inbound doors store raw messages here, admins
 * manage mailboxes, people and scripts ask where a message went and why.
 */
export function emailServices(ctx: Ctx, mutation: Mutation, rt: EmailRuntime) {
  return {
    /**
     * Addresses the desk receives mail for (managers and superadmins; changes audited). A
     * mailbox is named by id or address. Reads never include the IMAP password
     * (`imap.passwordSet`) or the HTTP secret (`httpInbound`).
     */
    mailboxes: {
      /** Every mailbox of the workspace, by address. */
      list: () => email.listMailboxes(ctx),
      /** By id or address. */
      get: (ref: string) => email.getMailbox(ctx, ref),
      /**
       * `address` (unique on the installation), `displayName`, `team`, `imap` settings with
       * the password (sealed at rest), `httpSecret: true` (the secret is answered this once).
       */
      add: mutation((c, input: email.AddMailboxInput) => email.addMailbox(c, rt.env, input)),
      /** Any field; the IMAP password only when given; `rotateSecret: true` issues a new HTTP secret. */
      update: mutation((c, ref: string, input: email.UpdateMailboxInput) => email.updateMailbox(c, rt.env, ref, input)),
      /** Deleted when no stored mail refers to it, otherwise disabled (the result says which). */
      remove: mutation((c, ref: string) => email.removeMailbox(c, ref)),
      /** Connects with the stored settings and answers what the IMAP and SMTP servers said. */
      test: (ref: string) => email.testMailbox(ctx, rt.env, ref),
    },
    /** Size limits of the email channel (the doors refuse larger messages before storing). */
    limits: rt.env.limits as Readonly<email.EmailLimits>,
    /**
     * The enabled mailbox whose HTTP inbound secret this is, or undefined: how the HTTP
     * door authenticates a caller. The system (the HTTP adapter) and admins may ask.
     */
    async mailboxForInboundSecret(secret: string) {
      authorize(ctx.actor, "email:manage");
      return email.findMailboxByInboundSecret(ctx.db, secret);
    },
    /**
     * Stores a raw message for the addresses it was sent to (or the given mailbox), to be
     * parsed and ticketed by background work; returns one row per workspace. Admins and the
     * system (the SMTP receiver, the IMAP poller, the HTTP door) may call it.
     */
    async receive(raw: Buffer, arrival: Omit<email.InboundArrival, "raw"> = { source: "api" }) {
      authorize(ctx.actor, "email:manage");
      const stored = await email.storeInbound(ctx.db, ctx.clock, rt.env.limits, { ...arrival, raw });
      rt.wake("inbound");
      return stored;
    },
    /** Which ticket a Message-ID (with or without <>) is in, the rule that put it there, and for sent mail its delivery state. Agents. */
    whereIs: (messageId: string) => email.whereIsMessage(ctx, messageId),
    /** Stored inbound messages (managers): failed ones, their originals, retries. */
    inbound: {
      /** Newest first, without raw bytes; `status: "failed"` lists what needs a look. */
      list: (input: email.ListInboundInput = {}) => email.listInbound(ctx, input),
      /** The original: raw headers, full text and sanitised HTML (agents, for tickets they see). */
      get: (id: string) => email.getInboundOriginal(ctx, id, rt.env),
      /** A failed or ignored message goes through the pipeline again (its error is kept in the audit log). */
      retry: async (id: string) => {
        const retried = await mutation((c, i: string) => email.retryInbound(c, i))(id);
        rt.wake("inbound");
        return retried;
      },
    },
    /** The outbox (managers): what was sent, what waits and why, what failed. */
    outbox: {
      /** Newest first; `status: "failed"` lists what did not go out, `ticket` one ticket's mail. */
      list: (input: email.ListOutboxInput = {}) => email.listOutbox(ctx, input),
      /** A failed (or waiting) message is sent again now, its attempts counted afresh. */
      retry: async (id: string) => {
        const retried = await mutation((c, i: string) => email.retryOutbound(c, i))(id);
        rt.wake("outbound");
        return retried;
      },
    },
    /** Moves a message entry to another ticket (message ids, attachments and threading follow). */
    moveEntry: mutation((c, ticket: string | number, entryId: string, target: string | number) =>
      email.moveEntry(c, ticket, entryId, target),
    ),
    /** Splits a message entry off into a new ticket (same requester, company; channel email). */
    splitEntry: mutation((c, ticket: string | number, entryId: string, opts: { subject?: string } = {}) =>
      email.splitEntry(c, ticket, entryId, opts),
    ),
    /** An attachment's bytes, sniffed type and name, when the caller may see the entry it hangs on. */
    attachment: (ticket: string | number, blobId: string) => email.readAttachment(ctx, ticket, blobId),
    /**
     * Polls a mailbox's IMAP folder now (no IDLE): stores what arrived after the last UID,
     * marks it on the server, and returns the counts; a connection or login problem is in
     * `error` and recorded on the mailbox. Admins only.
     */
    async pollMailbox(mailboxIdOrAddress: string) {
      authorize(ctx.actor, "email:manage");
      const mailbox = await email.resolveWorkspaceMailbox(ctx.db, ctx.workspaceId, mailboxIdOrAddress);
      const result = await email.pollMailbox(ctx.db, ctx.clock, rt.env, mailbox.id);
      if (result.stored > 0) rt.wake("inbound");
      return result;
    },
  };
}
