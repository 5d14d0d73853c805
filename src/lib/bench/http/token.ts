/**
 * A Bearer token for the HTTP bench, minted the way a person would: the bench
 * agent gets a password, signs in, and creates a personal write token with
 * that session (the auth service refuses to mint tokens from tokens).
 */
import { randomBytes } from "node:crypto";
import type { Helpdesk } from "../../create-helpdesk.js";

export async function benchToken(desk: Helpdesk, agent: { id: string; email: string }): Promise<string> {
  const password = `Bench ${randomBytes(18).toString("base64url")} 9!`;
  await desk.auth.setPassword({ personType: "agent", personId: agent.id, password });
  const signedIn = await desk.auth.login({ email: agent.email, password });
  if (signedIn.status !== "ok") throw new Error(`bench sign-in failed: ${signedIn.status}`);
  const who = await desk.auth.resolveSession(signedIn.session.token);
  if (!who) throw new Error("bench sign-in gave a session that does not resolve");
  const created = await desk.auth.tokens.create(who, { name: "helpline bench", scope: "write" });
  return created.token;
}
