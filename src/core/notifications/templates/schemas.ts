import { z } from "zod";
import { TEMPLATE_CHANNELS } from "../templates.js";
import { NOTIFICATION_KINDS } from "../types.js";

/** Which template: a notification kind on a channel (email). */
export const templateKey = z
  .object({
    kind: z.enum(NOTIFICATION_KINDS),
    channel: z.enum(TEMPLATE_CHANNELS, { message: "only email templates can be changed" }),
  })
  .strict();
export type TemplateKeyInput = z.input<typeof templateKey>;

export const setTemplateInput = templateKey
  .extend({
    subject: z
      .string()
      .min(1, "must not be empty")
      .max(500)
      .regex(/^[^\r\n]*$/, "must be a single line"),
    body: z.string().min(1, "must not be empty").max(20_000),
  })
  .strict();
export type SetTemplateInput = z.input<typeof setTemplateInput>;

/** A template as the API shows it. */
export interface TemplateView {
  kind: string;
  channel: string;
  subject: string;
  body: string;
  /** True while the workspace uses the built-in wording. */
  builtIn: boolean;
  /** The built-in wording, to compare or go back to. */
  default: { subject: string; body: string };
  updatedAt: string | null;
}
