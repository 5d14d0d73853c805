import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  acceptedView,
  apiTokenPage,
  apiTokenView,
  changePasswordBody,
  createdApiTokenView,
  createTokenBody,
  loginBody,
  logoutAllView,
  meView,
  mfaDisableBody,
  mfaEnrolView,
  mfaVerifyBody,
  passwordResetBody,
  passwordResetConfirmBody,
  recoveryCodesView,
  sessionView,
  tokenIdParams,
} from "../../../common/api/auth.js";
import type { Helpdesk } from "../../lib/index.js";
import { HttpError } from "../plugins/access.js";
import { SESSION_COOKIE } from "../plugins/authenticate.js";
import { authOf } from "../request-desk.js";

/** Sign-in attempts per minute per IP address (each login is also locked after 5 failures in a row). */
export const LOGIN_ATTEMPTS_PER_MINUTE = 20;
/** Password-reset requests and confirmations per minute per IP address. */
export const RESET_REQUESTS_PER_MINUTE = 10;

/** One message for every failed sign-in: it must not tell whether the email has an account. */
export const SIGN_IN_FAILED =
  "Sign-in failed: the email, password or code is wrong, or there were too many attempts. Try again later or reset your password.";
const RESET_ACCEPTED =
  "If this email can sign in here, a reset token is on its way. It is valid for one hour and works once.";

const tags = ["auth"];
const perIp = (max: number) => ({
  max,
  timeWindow: "1 minute",
  keyGenerator: (request: FastifyRequest) => `auth:${request.routeOptions.url}:${request.ip}`,
});

const client = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers["user-agent"] });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentToken(t: {
  id: string;
  name: string;
  prefix: string;
  scope: "read" | "write";
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scope: t.scope,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: iso(t.lastUsedAt),
    expiresAt: iso(t.expiresAt),
    revokedAt: iso(t.revokedAt),
  };
}

function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
  });
}

/**
 * /api/v1/auth: sign-in and sessions, password change and reset, TOTP MFA and
 * personal API tokens. The engine decides; these routes set cookies and map
 * outcomes to statuses.
 */
export const authRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (base, { desk }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  // Answers carry session, CSRF and API tokens: never cache them.
  app.addHook("onSend", async (_request, reply) => {
    reply.header("cache-control", "no-store");
  });

  app.post(
    "/api/v1/auth/login",
    {
      config: { access: "public", rateLimit: perIp(LOGIN_ATTEMPTS_PER_MINUTE) },
      schema: {
        tags,
        summary: "Sign in with email and password (and `otp` when MFA is on); sets the session cookie",
        description:
          "Every failure answers 401 `auth.invalid_credentials` with the same message, whether or not the email " +
          "has an account; 401 `auth.otp_required` when the password is right and MFA needs a code; 429 with " +
          "Retry-After after five failures in a row (the lock doubles per further failure, up to an hour).",
        security: [],
        body: loginBody,
        response: { 200: sessionView },
      },
    },
    async (request, reply) => {
      const result = await desk.auth.login(request.body, client(request), { replaces: request.auth?.sessionId });
      if (result.status === "otp_required") {
        throw new HttpError(
          401,
          "auth.otp_required",
          "Enter the code from your authenticator app (or a recovery code) as `otp`.",
        );
      }
      if (result.status === "locked") {
        reply.header("retry-after", String(result.retryAfterSeconds));
        throw new HttpError(429, "auth.too_many_attempts", SIGN_IN_FAILED);
      }
      if (result.status !== "ok") throw new HttpError(401, "auth.invalid_credentials", SIGN_IN_FAILED);
      reply.setCookie(SESSION_COOKIE, result.session.token, {
        signed: true,
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: request.protocol === "https",
        expires: result.session.expiresAt,
      });
      return {
        user: result.user,
        csrfToken: result.session.csrfToken,
        expiresAt: result.session.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    "/api/v1/auth/logout",
    { config: { access: "authenticated" }, schema: { tags, summary: "Sign out: end the current session" } },
    async (request, reply) => {
      await desk.auth.logout(authOf(request), client(request));
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  app.post(
    "/api/v1/auth/logout-all",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Sign out everywhere: end every session of this account (API tokens stay valid)",
        response: { 200: logoutAllView },
      },
    },
    async (request, reply) => {
      const sessionsEnded = await desk.auth.logoutAll(authOf(request), client(request));
      clearSessionCookie(request, reply);
      return { sessionsEnded };
    },
  );

  app.get(
    "/api/v1/auth/me",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Who is signed in: the person, the CSRF token, MFA state and what they may do",
        response: { 200: meView },
      },
    },
    async (request) => desk.auth.me(authOf(request)),
  );

  app.post(
    "/api/v1/auth/password",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Change your password (needs the current one); your other sessions end",
        body: changePasswordBody,
      },
    },
    async (request, reply) => {
      await desk.auth.changePassword(authOf(request), request.body, client(request));
      return reply.code(204).send();
    },
  );

  app.post(
    "/api/v1/auth/password-reset",
    {
      config: { access: "public", rateLimit: perIp(RESET_REQUESTS_PER_MINUTE) },
      schema: {
        tags,
        summary: "Ask for a password-reset token by email; always 202 with the same answer",
        security: [],
        body: passwordResetBody,
        response: { 202: acceptedView },
      },
    },
    async (request, reply) => {
      await desk.auth.requestPasswordReset(request.body, client(request));
      return reply.code(202).send({ status: "accepted" as const, message: RESET_ACCEPTED });
    },
  );

  app.post(
    "/api/v1/auth/password-reset/confirm",
    {
      config: { access: "public", rateLimit: perIp(RESET_REQUESTS_PER_MINUTE) },
      schema: {
        tags,
        summary: "Set a new password with a reset token (works once, for an hour); every session ends",
        security: [],
        body: passwordResetConfirmBody,
      },
    },
    async (request, reply) => {
      await desk.auth.confirmPasswordReset(request.body, client(request));
      return reply.code(204).send();
    },
  );

  app.post(
    "/api/v1/auth/mfa/enrol",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Start TOTP MFA: a new secret for the authenticator app (on once verified)",
        response: { 200: mfaEnrolView },
      },
    },
    async (request) => desk.auth.mfa.enrol(authOf(request), client(request)),
  );

  app.post(
    "/api/v1/auth/mfa/verify",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Turn MFA on with a first code; returns ten single-use recovery codes, once",
        body: mfaVerifyBody,
        response: { 200: recoveryCodesView },
      },
    },
    async (request) => desk.auth.mfa.verify(authOf(request), request.body, client(request)),
  );

  app.post(
    "/api/v1/auth/mfa/disable",
    {
      config: { access: "authenticated" },
      schema: { tags, summary: "Turn MFA off (needs the password and a code or recovery code)", body: mfaDisableBody },
    },
    async (request, reply) => {
      await desk.auth.mfa.disable(authOf(request), request.body, client(request));
      return reply.code(204).send();
    },
  );

  app.post(
    "/api/v1/auth/tokens",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Create a personal API token (shown once); send it as `Authorization: Bearer`",
        body: createTokenBody,
        response: { 201: createdApiTokenView },
      },
    },
    async (request, reply) => {
      const t = await desk.auth.tokens.create(authOf(request), request.body, client(request));
      return reply.code(201).send({ ...presentToken(t), token: t.token });
    },
  );

  app.get(
    "/api/v1/auth/tokens",
    {
      config: { access: "authenticated" },
      schema: { tags, summary: "Your API tokens, newest first (never the secrets)", response: { 200: apiTokenPage } },
    },
    async (request) => ({
      items: (await desk.auth.tokens.list(authOf(request))).map(presentToken),
      nextCursor: null,
    }),
  );

  app.delete(
    "/api/v1/auth/tokens/:id",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Revoke one of your API tokens (someone else's is 404)",
        params: tokenIdParams,
        response: { 200: apiTokenView },
      },
    },
    async (request) => presentToken(await desk.auth.tokens.revoke(authOf(request), request.params.id, client(request))),
  );
};
