import type { DueWork } from "../../kernel/index.js";
import type { EmailEnv } from "./types.js";

/** Parses, threads and tickets stored inbound messages (being written now). */
export function inboundEmailWork(_env: EmailEnv): DueWork {
  return { name: "email.inbound", runDue: async () => 0 };
}
