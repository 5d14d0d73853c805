import { eq } from "drizzle-orm";
import { z } from "zod";
import { TICKET_STATUSES } from "../../../common/enums.js";
import type { Db, Tx } from "../../db/connection.js";
import { workspaces } from "../../db/schema/index.js";
import type { Actor, Ctx } from "../kernel/index.js";
import { cronProblem, isTimeZone, notFound } from "../kernel/index.js";

/** Each workspace setting and its type; stored in `workspaces.settings` (jsonb). */
const SETTING_FIELDS = {
  /** Seed 004: anyone may open a ticket with `POST /api/tickets` (rate-limited per IP). */
  publicIntake: z.boolean().describe("accept tickets from anyone at POST /api/tickets"),
  /** Where "today", "this week" and whole-day dates in queries start and end. */
  timeZone: z
    .string()
    .refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin or UTC")
    .describe("IANA time zone of the workspace, e.g. Europe/Berlin"),
  /** Display name on mail the desk sends; "" uses the workspace name. */
  emailFromName: z
    .string()
    .max(200)
    .regex(/^[^\r\n]*$/, "must be a single line")
    .describe('display name on mail the desk sends ("" = the workspace name)'),
  /** From address of mail the desk sends; null uses the first enabled mailbox, then HELPLINE_SMTP_FROM. */
  emailFromAddress: z
    .email("must be an email address such as support@example.com")
    .max(254)
    .nullable()
    .describe("From address of mail the desk sends (null = the first enabled mailbox)"),
  /** Customers get an acknowledgement of their new ticket and word of its resolution by email. */
  notifyCustomers: z.boolean().describe("email customers when their ticket is received and when it is resolved"),
  /** Seed 000's daily reminders: each agent's open, in-progress, personal and pending-production tickets. */
  remindersEnabled: z.boolean().describe("send each agent a daily reminder of their tickets"),
  /** When reminders go out, in the workspace time zone (checked by the cron parser). */
  remindersCron: z
    .string()
    .trim()
    .superRefine((text, issue) => {
      const problem = cronProblem(text);
      if (problem) issue.addIssue({ code: "custom", message: problem });
    })
    .describe('when daily reminders go out: a 5-field cron in the workspace time zone (default "0 9 * * 1-5")'),
  /** Seed 000's print/production desks: tickets in this status are "pending production" (null = by type only). */
  pendingProductionStatus: z
    .enum(TICKET_STATUSES, { message: `must be one of ${TICKET_STATUSES.join(", ")}` })
    .nullable()
    .describe("tickets in this status are listed as pending production in reminders (null = none)"),
  /** Tickets of this type are "pending production" while active (null = by status only). */
  pendingProductionType: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .nullable()
    .describe('tickets of this type are listed as pending production in reminders (default "production")'),
  /** The board's work-in-progress limit per status column; a column over its limit warns (missing = no limit). */
  boardWipLimits: z
    .partialRecord(
      z.enum(TICKET_STATUSES, { message: `must be one of ${TICKET_STATUSES.join(", ")}` }),
      z.number().int().min(1, "must be a whole number of at least 1").max(10_000),
    )
    .describe("the board's work-in-progress limit per status, e.g. { in_progress: 5 } (no entry = no limit)"),
};

/** A workspace's settings, every one present. */
export const workspaceSettings = z.object(SETTING_FIELDS).strict();
export type WorkspaceSettings = z.output<typeof workspaceSettings>;

/** What a workspace has until someone changes it. */
export const DEFAULT_WORKSPACE_SETTINGS: WorkspaceSettings = {
  publicIntake: true,
  timeZone: "UTC",
  emailFromName: "",
  emailFromAddress: null,
  notifyCustomers: true,
  remindersEnabled: true,
  remindersCron: "0 9 * * 1-5",
  pendingProductionStatus: null,
  pendingProductionType: "production",
  boardWipLimits: {},
};

/** A change to some settings; unknown ones are refused. */
export const workspaceSettingsPatch = workspaceSettings.partial().strict();
export type WorkspaceSettingsPatch = z.input<typeof workspaceSettingsPatch>;

/** Settings customers may see (the rest are for staff). */
const CUSTOMER_VISIBLE: readonly (keyof WorkspaceSettings)[] = ["publicIntake"];

/** Stored settings over the defaults; a stored value of the wrong type falls back to its default. */
export function parseWorkspaceSettings(stored: unknown): WorkspaceSettings {
  const out: Record<string, unknown> = { ...DEFAULT_WORKSPACE_SETTINGS };
  if (stored && typeof stored === "object" && !Array.isArray(stored)) {
    for (const [key, schema] of Object.entries(SETTING_FIELDS)) {
      const parsed = schema.safeParse((stored as Record<string, unknown>)[key]);
      if (parsed.success) out[key] = parsed.data;
    }
  }
  return out as WorkspaceSettings;
}

/** The settings this actor may see: staff all of them, customers the public ones. */
export function settingsVisibleTo(actor: Actor, settings: WorkspaceSettings): Partial<WorkspaceSettings> {
  if (actor.type !== "customer") return settings;
  return Object.fromEntries(CUSTOMER_VISIBLE.map((k) => [k, settings[k]]));
}

/** Reads a workspace's settings (optionally locking the row for an update). */
export async function readWorkspaceSettings(
  tx: Db | Tx,
  workspaceId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<WorkspaceSettings> {
  const query = tx.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("workspace.not_found", `No workspace with id ${workspaceId}.`);
  return parseWorkspaceSettings(row.settings);
}

/**
 * The settings of the caller's workspace, defaults filled in. Not cached: another
 * process may have changed them. Needs no permission: adapters (public intake)
 * consult it before anyone is signed in.
 */
export function getWorkspaceSettings(ctx: Ctx): Promise<WorkspaceSettings> {
  return readWorkspaceSettings(ctx.db, ctx.workspaceId);
}
