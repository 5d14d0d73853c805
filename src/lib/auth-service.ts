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
  /**
   * Recently resolved credentials, for at most 5 s of the desk's clock: most API
   * calls then skip three lookups. Any change made through this process (sign-out,
   * revocation, role or password change, any desk command) clears it; another
   * process may honour a revoked credential for up to those 5 s.
   */
  const recent = new Map<string, { at: number; auth: AuthContext }>();
  const RECENT_MS = 5_000;
  async function remembered(key: string, load: () => Promise<AuthContext | null>): Promise<AuthContext | null> {
    const now = clock.now().getTime();
    const hit = recent.get(key);
    if (hit && now >= hit.at && now - hit.at < RECENT_MS) return hit.auth;
    const value = await load();
    if (value) {
      if (recent.size >= 10_000) recent.clear();
      recent.set(key, { at: now, auth: value });
    } else recent.delete(key);
    return value;
  }
  const forgetting =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } finally {
        recent.clear();
      }
    };

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
    resolveSession: (token: string, _client: ClientInfo = {}) =>
      remembered(`s:${token}`, () => auth.resolveSession(db, clock, token)),
    /** The API token behind a Bearer header; null when unknown, expired or revoked. */
    resolveApiToken: (token: string) => remembered(`t:${token}`, () => auth.resolveApiToken(db, clock, token)),
    /** Drops remembered credentials (called after every change made through the desk). */
    forgetRecent: () => recent.clear(),

    /** Email + password (+ `otp` when MFA is on) → a new session, or why not. */
    login: forgetting(
      async (input: LoginBody, client: ClientInfo = {}, o: auth.SignInOptions = {}): Promise<LoginResult> => {
        const workspaceId = await workspaceIdOf(
          typeof input?.workspace === "string" ? input.workspace.trim() : undefined,
        );
        return auth.signIn({ ...env, workspaceId, client }, input, o);
      },
    ),
    logout: forgetting((who: AuthContext, client?: ClientInfo) => auth.logout(signedIn(who, client))),
    /** Ends every session of the caller's login; returns how many. */
    logoutAll: forgetting((who: AuthContext, client?: ClientInfo) => auth.logoutAll(signedIn(who, client))),
    /** The caller, their CSRF token, MFA state and permissions. */
    me: (who: AuthContext) => auth.describeMe(signedIn(who)),
    changePassword: forgetting(
      (who: AuthContext, input: { currentPassword: string; newPassword: string }, client?: ClientInfo) =>
        auth.changePassword(signedIn(who, client), input),
    ),

    /** Sets a person's password (creating their login); ends their sessions. For operators. */
    setPassword: forgetting(
      async (input: { personType: "agent" | "customer"; personId: string; password: string; workspaceId?: string }) =>
        auth.setPassword({ db, clock }, { workspaceId: input.workspaceId ?? opts.defaultWorkspace.id, ...input }),
    ),
    /** Throws a validation error when `password` breaks the policy for this email. */
    checkPasswordPolicy: (password: string, email: string) => auth.checkPasswordPolicy(password, email),

    /** Mails a reset token when the email can sign in; answers nothing either way. */
    async requestPasswordReset(input: { email: string; workspace?: string }, client: ClientInfo = {}) {
      const workspaceId = await workspaceIdOf(
        typeof input?.workspace === "string" ? input.workspace.trim() : undefined,
      );
      return auth.requestPasswordReset({ ...env, workspaceId, client }, input);
    },
    confirmPasswordReset: forgetting((input: { token: string; password: string }, client: ClientInfo = {}) =>
      auth.confirmPasswordReset({ ...env, client }, input),
    ),

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
      revoke: forgetting((who: AuthContext, id: string, client?: ClientInfo) =>
        auth.revokeApiToken(signedIn(who, client), id),
      ),
    },

    /** Makes `email` a superadmin with this password unless the workspace has one. */
    bootstrapAdmin: (input: auth.BootstrapAdminInput, workspaceId = opts.defaultWorkspace.id) =>
      auth.bootstrapAdmin({ db, clock }, workspaceId, input),
    /** True while the workspace has no superadmin: the web app's first-run setup is open. */
    needsSetup: (workspaceId = opts.defaultWorkspace.id) => auth.needsSetup({ db }, workspaceId),
  };
}

export type AuthService = ReturnType<typeof buildAuthService>;
