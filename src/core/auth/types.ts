import type { Actor } from "../kernel/index.js";

/** How a request is authenticated, as the HTTP adapter sees it. */
export interface AuthContext {
  workspaceId: string;
  actor: Exclude<Actor, { type: "system" }>;
  loginId: string;
  email: string;
  via: "session" | "token";
  /** API tokens are read or write; sessions are always write. */
  scope: "read" | "write";
  /** For sessions: the token the client must echo in `x-csrf-token` on writes. */
  csrfToken?: string;
  /** For sessions: the session's id (hash), for logout. */
  sessionId?: string;
}
