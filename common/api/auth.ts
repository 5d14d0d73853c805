/** API contracts for sign-in, sessions, MFA and API tokens, shared by the server and the web app. */
import { z } from "zod";
import { AGENT_ROLES, CUSTOMER_ROLES } from "../enums.js";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const API_TOKEN_SCOPES = ["read", "write"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

const iso = z.string().describe("ISO-8601 timestamp");
const email = z
  .string()
  .trim()
  .min(1)
  .max(320)
  .transform((s) => s.toLowerCase());
const workspace = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "a workspace slug: lowercase letters, digits and dashes")
  .describe("workspace slug; default: the server's workspace");
/** A password being checked: any length up to the maximum a new password may have. */
const password = z.string().min(1).max(PASSWORD_MAX);
/** A password being set; the policy (not the email) is checked by the engine too. */
export const newPassword = z
  .string()
  .min(PASSWORD_MIN, `use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `use at most ${PASSWORD_MAX} characters`);
const otp = z.string().trim().min(6).max(32).describe("a 6-digit code from the authenticator app, or a recovery code");

export const loginBody = z.object({ email, password, otp: otp.optional(), workspace: workspace.optional() }).strict();
export type LoginBody = z.input<typeof loginBody>;

export const passwordResetBody = z.object({ email, workspace: workspace.optional() }).strict();
export const passwordResetConfirmBody = z
  .object({ token: z.string().trim().min(1).max(200), password: newPassword })
  .strict();
export const changePasswordBody = z.object({ currentPassword: password, newPassword }).strict();

export const mfaVerifyBody = z.object({ otp }).strict();
export const mfaDisableBody = z.object({ password, otp }).strict();

export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scope: z.enum(API_TOKEN_SCOPES),
    expiresInDays: z.number().int().min(1).max(3650).optional().describe("default: never expires"),
  })
  .strict();
export type CreateTokenBody = z.input<typeof createTokenBody>;
export const tokenIdParams = z.object({ id: z.uuid() }).strict();

export const userView = z.object({
  id: z.string(),
  type: z.enum(["agent", "customer"]),
  role: z.enum([...AGENT_ROLES, ...CUSTOMER_ROLES]),
  email: z.string(),
  name: z.string().nullable(),
});

export const sessionView = z.object({
  user: userView,
  csrfToken: z.string().describe("send it as `x-csrf-token` on every cookie-authenticated change"),
  expiresAt: iso,
});

export const meView = z.object({
  user: userView,
  via: z.enum(["session", "token"]),
  scope: z.enum(API_TOKEN_SCOPES),
  csrfToken: z.string().nullable().describe("null when authenticated by an API token"),
  mfaEnabled: z.boolean(),
  permissions: z.array(z.string()).describe("actions the caller may perform, e.g. `ticket:assign`"),
});

export const logoutAllView = z.object({ sessionsEnded: z.number().int() });

export const acceptedView = z.object({ status: z.literal("accepted"), message: z.string() });

export const mfaEnrolView = z.object({
  secret: z.string().describe("base32 TOTP secret, for manual entry"),
  otpauthUrl: z.string().describe("otpauth:// URI, for a QR code"),
});
export const recoveryCodesView = z.object({
  recoveryCodes: z.array(z.string()).describe("shown once; each works once instead of a code"),
});

export const apiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(API_TOKEN_SCOPES),
  createdAt: iso,
  lastUsedAt: iso.nullable(),
  expiresAt: iso.nullable(),
  revokedAt: iso.nullable(),
});
export const createdApiTokenView = apiTokenView.extend({
  token: z.string().describe("shown once: send it as `Authorization: Bearer <token>`"),
});
export const apiTokenPage = z.object({ items: z.array(apiTokenView), nextCursor: z.string().nullable() });
