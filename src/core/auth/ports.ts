import type { Db } from "../../db/connection.js";
import type { ClientInfo, Clock } from "../kernel/index.js";
import type { AuthContext } from "./types.js";

/** An email to one person. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Outgoing mail, as the auth module needs it (password reset). The email
 * integration implements it; until then the library logs the message.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** What every auth command needs besides its input. */
export interface AuthEnv {
  db: Db;
  clock: Clock;
  /** 32-byte instance key: encrypts TOTP secrets at rest (AES-256-GCM). */
  secretKey: Buffer;
  mailer: Mailer;
}

/** An auth command's context: the environment, the workspace acted in, and the client. */
export interface AuthCtx extends AuthEnv {
  workspaceId: string;
  client: ClientInfo;
}

/** The context of a command a signed-in person runs on their own account. */
export interface SignedInCtx extends AuthCtx {
  auth: AuthContext;
}
