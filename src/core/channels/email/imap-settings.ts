import { z } from "zod";

/**
 * The `mailboxes.imap` settings as stored and as admins give them, with the
 * defaults filled in (port 993 with implicit TLS, INBOX, mark \Seen, IDLE for
 * 50 s per poll job, a poll every minute).
 */
export const imapSettingsSchema = z
  .object({
    host: z.string().trim().min(1, "the IMAP host is required"),
    port: z.number().int().min(1).max(65535).default(993),
    tls: z.boolean().default(true),
    allowSelfSigned: z.boolean().default(false),
    user: z.string().min(1, "the IMAP user name is required"),
    folder: z.string().trim().min(1).default("INBOX"),
    afterProcess: z.enum(["seen", "move", "delete"]).default("seen"),
    moveTo: z.string().trim().min(1).nullable().default(null),
    idleSeconds: z.number().int().min(0).max(1800).default(50),
    pollMinutes: z.number().int().min(1).max(1440).default(1),
  })
  .refine((s) => s.afterProcess !== "move" || s.moveTo !== null, {
    message: 'a target folder (moveTo) is required when afterProcess is "move"',
    path: ["moveTo"],
  })
  .refine((s) => s.afterProcess !== "move" || s.moveTo !== s.folder, {
    message: "moveTo must differ from the polled folder",
    path: ["moveTo"],
  });
