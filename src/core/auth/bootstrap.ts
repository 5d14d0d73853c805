import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { newPassword } from "../../../common/api/auth.js";
import { agents } from "../../db/schema/index.js";
import { writeAudit } from "../audit/index.js";
import { type Clock, type Ctx, parseInput, systemActor } from "../kernel/index.js";
import { createAgent, emailSchema } from "../people/index.js";
import { ensureLogin, storePasswordHash } from "./logins.js";
import { checkPasswordPolicy, hashPassword } from "./passwords.js";
import type { AuthEnv } from "./ports.js";

export const bootstrapAdminInput = z
  .object({ email: emailSchema, password: newPassword, name: z.string().trim().min(1).max(200).optional() })
  .strict();
export type BootstrapAdminInput = z.input<typeof bootstrapAdminInput>;

export interface BootstrapResult {
  /** False when the workspace already had a superadmin (nothing changed). */
  created: boolean;
  agentId: string | null;
}

/**
 * First start: makes `email` a superadmin of the workspace with this password,
 * unless the workspace already has a superadmin. An existing agent with that
 * email is promoted. Safe when several processes start at once.
 */
export async function bootstrapAdmin(
  env: Pick<AuthEnv, "db" | "clock">,
  workspaceId: string,
  input: unknown,
): Promise<BootstrapResult> {
  const data = parseInput(bootstrapAdminInput, input);
  checkPasswordPolicy(data.password, data.email);
  const passwordHash = await hashPassword(data.password);
  return env.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`helpline:bootstrap-admin:${workspaceId}`}))`);
    const [admin] = await tx
      .select({ id: agents.id })
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.role, "superadmin"), eq(agents.active, true)))
      .limit(1);
    if (admin) return { created: false, agentId: null };
    const now = env.clock.now();
    const [existing] = await tx
      .select({ id: agents.id })
      .from(agents)
      .where(and(eq(agents.workspaceId, workspaceId), eq(agents.email, data.email)));
    let agentId: string;
    if (existing) {
      await tx.update(agents).set({ role: "superadmin", active: true }).where(eq(agents.id, existing.id));
      agentId = existing.id;
    } else {
      const ctx: Ctx = { actor: systemActor("bootstrap"), workspaceId, db: tx as Ctx["db"], clock: env.clock as Clock };
      const agent = await createAgent(ctx, {
        email: data.email,
        name: data.name ?? data.email.split("@")[0] ?? data.email,
        role: "superadmin",
      });
      agentId = agent.id;
    }
    const login = await ensureLogin(tx, env.clock, { workspaceId, type: "agent", id: agentId });
    await storePasswordHash(tx, login.id, passwordHash, now);
    await writeAudit(tx, {
      workspaceId,
      actor: { type: "system", id: null, name: "bootstrap" },
      action: "auth.admin_bootstrapped",
      targetType: "agent",
      targetId: agentId,
      details: { email: data.email, promoted: existing !== undefined },
      at: now,
    });
    return { created: true, agentId };
  });
}

/** True while the workspace has no active superadmin (the web app then offers first-run setup). */
export async function needsSetup(env: Pick<AuthEnv, "db">, workspaceId: string): Promise<boolean> {
  const [admin] = await env.db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.workspaceId, workspaceId), eq(agents.role, "superadmin"), eq(agents.active, true)))
    .limit(1);
  return !admin;
}
