import { createHmac } from "node:crypto";
import type { CreateTokenBody, LoginBody } from "../../common/api/auth.js";
import type { AuthContext, Mailer } from "../core/auth/index.js";
import * as auth from "../core/auth/index.js";
import type { ClientInfo, Clock } from "../core/kernel/index.js";
import { findWorkspace, type Workspace } from "../core/people/index.js";
import type { Database } from "../db/connection.js";

export { hashToken, SESSION_IDLE_MS, SESSION_MAX_MS } from "../core/auth/index.js";

export interface AuthServiceOptions {
  /** Where sign-in and password reset happen when the request names no workspace. */
  defaultWorkspace: Workspace;
  /** 32-byte instance key (encrypts TOTP secrets). */
  secretKey: Buffer;
  /** Delivers password-reset messages. */
  mailer: Mailer;
}

/** What `desk.auth.login` answers; the HTTP adapter turns it into a cookie or a 401/429. */
export type LoginResult = auth.SignInResult;

/**
 * Authentication for adapters and operators: sign-in, sessions, API tokens,
 * MFA, password reset and the first superadmin. Commands on one's own account
 * take the caller's `AuthContext` (from `resolveSession`/`resolveApiToken`)
 * and the client's address and user agent for the audit log.
 */
export function buildAuthService(database: Database, clock: Clock, opts: AuthServiceOptions) {
  const db = database.db;
  const env: auth.AuthEnv = { db, clock, secretKey: opts.secretKey, mailer: opts.mailer };
  const slugs = new Map<string, string>([[opts.defaultWorkspace.slug, opts.defaultWorkspace.id]]);

  /** The id of a workspace slug (default: the desk's), or null when there is none. */
  async function workspaceIdOf(slug: string | undefined): Promise<string | null> {
    const key = slug ?? opts.defaultWorkspace.slug;
    const known = slugs.get(key);
    if (known) return known;
    const ws = await findWorkspace(db, key);
    if (ws) slugs.set(key, ws.id);
    return ws?.id ?? null;
  }
  const signedIn = (who: AuthContext, client: ClientInfo = {}): auth.SignedInCtx => ({
    ...env,
    workspaceId: who.workspaceId,
    client,
    auth: who,
  });

  return {
    /** Signs session cookies; derived from the instance key so it is stable across restarts and nodes. */
    cookieSecret: createHmac("sha256", opts.secretKey).update("helpline cookie signing v1").digest("hex"),
    /** The person behind a login: actor, email and workspace; null when gone or deactivated. */
    async actorFor(loginId: string) {
      const p = await auth.principalFor(db, loginId);
      return p ? { actor: p.actor, email: p.email, workspaceId: p.workspaceId } : null;
    },
    /** The session behind a cookie token, extended on use; null when unknown, expired or idle. */
    resolveSession: (token: string, _client: ClientInfo = {}) => auth.resolveSession(db, clock, token),
    /** The API token behind a Bearer header; null when unknown, expired or revoked. */
    resolveApiToken: (token: string) => auth.resolveApiToken(db, clock, token),

    /** Email + password (+ `otp` when MFA is on) → a new session, or why not. */
    async login(input: LoginBody, client: ClientInfo = {}, o: auth.SignInOptions = {}): Promise<LoginResult> {
      const workspaceId = await workspaceIdOf(
        typeof input?.workspace === "string" ? input.workspace.trim() : undefined,
      );
      return auth.signIn({ ...env, workspaceId, client }, input, o);
    },
    logout: (who: AuthContext, client?: ClientInfo) => auth.logout(signedIn(who, client)),
    /** Ends every session of the caller's login; returns how many. */
    logoutAll: (who: AuthContext, client?: ClientInfo) => auth.logoutAll(signedIn(who, client)),
    /** The caller, their CSRF token, MFA state and permissions. */
    me: (who: AuthContext) => auth.describeMe(signedIn(who)),
    changePassword: (who: AuthContext, input: { currentPassword: string; newPassword: string }, client?: ClientInfo) =>
      auth.changePassword(signedIn(who, client), input),

    /** Sets a person's password (creating their login); ends their sessions. For operators. */
    setPassword: (input: {
      personType: "agent" | "customer";
      personId: string;
      password: string;
      workspaceId?: string;
    }) => auth.setPassword({ db, clock }, { workspaceId: input.workspaceId ?? opts.defaultWorkspace.id, ...input }),
    /** Throws a validation error when `password` breaks the policy for this email. */
    checkPasswordPolicy: (password: string, email: string) => auth.checkPasswordPolicy(password, email),

    /** Mails a reset token when the email can sign in; answers nothing either way. */
    async requestPasswordReset(input: { email: string; workspace?: string }, client: ClientInfo = {}) {
      const workspaceId = await workspaceIdOf(
        typeof input?.workspace === "string" ? input.workspace.trim() : undefined,
      );
      return auth.requestPasswordReset({ ...env, workspaceId, client }, input);
    },
    confirmPasswordReset: (input: { token: string; password: string }, client: ClientInfo = {}) =>
      auth.confirmPasswordReset({ ...env, client }, input),

    mfa: {
      enrol: (who: AuthContext, client?: ClientInfo) => auth.enrolMfa(signedIn(who, client)),
      verify: (who: AuthContext, input: { otp: string }, client?: ClientInfo) =>
        auth.enableMfa(signedIn(who, client), input),
      disable: (who: AuthContext, input: { password: string; otp: string }, client?: ClientInfo) =>
        auth.disableMfa(signedIn(who, client), input),
    },

    tokens: {
      create: (who: AuthContext, input: CreateTokenBody, client?: ClientInfo) =>
        auth.createApiToken(signedIn(who, client), input),
      list: (who: AuthContext) => auth.listApiTokens(db, who),
      revoke: (who: AuthContext, id: string, client?: ClientInfo) => auth.revokeApiToken(signedIn(who, client), id),
    },

    /** Makes `email` a superadmin with this password unless the workspace has one. */
    bootstrapAdmin: (input: auth.BootstrapAdminInput, workspaceId = opts.defaultWorkspace.id) =>
      auth.bootstrapAdmin({ db, clock }, workspaceId, input),
  };
}

export type AuthService = ReturnType<typeof buildAuthService>;
