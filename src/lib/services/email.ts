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
export function emailServices(ctx: Ctx, _mutation: Mutation, rt: EmailRuntime) {
  return {
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
  };
}
