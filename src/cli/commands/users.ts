import { type Agent, checkPasswordPolicy, DomainError } from "../../lib/index.js";
import type { CommandContext } from "../context.js";

/** The whole of standard input, without the final line break. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/**
 * `helpline users create`: add an agent, manager or superadmin (works offline).
 * With `--password` or `--password-stdin` they can sign in at once.
 */
export async function usersCreate(
  ctx: CommandContext,
  o: { email: string; name?: string; role?: string; password?: string; passwordStdin?: boolean },
): Promise<void> {
  if (o.passwordStdin && process.stdin.isTTY) ctx.out.info("Password, then Enter and Ctrl-D:");
  const password = o.passwordStdin ? await readStdin() : o.password;
  if (password !== undefined && password.length === 0) {
    throw new DomainError("validation", "input.invalid", "password: it is empty.", "password");
  }
  if (password !== undefined) checkPasswordPolicy(password, o.email);
  const agent = await ctx.withDesk(async (desk) => {
    const created = await desk.people.createAgent({
      email: o.email,
      name: o.name ?? o.email.split("@")[0] ?? o.email,
      role: (o.role ?? "agent") as never,
    });
    if (password !== undefined) await desk.auth.setPassword({ personType: "agent", personId: created.id, password });
    return created;
  });
  ctx.out.result(
    agent,
    () =>
      `Created ${agent.role} ${agent.name} <${agent.email}> (${agent.id})` +
      (password === undefined ? "" : "; they can sign in with the password given"),
  );
}

/** "Ana <ana@x.test> is out_of_office until 2025-03-10T09:00:00.000Z (capacity 5)". */
function describeAgent(a: Agent): string {
  const until = a.awayUntil ? ` until ${a.awayUntil.toISOString()}` : "";
  const capacity = a.capacity === null ? "no capacity limit" : `capacity ${a.capacity}`;
  return `${a.name} <${a.email}> is ${a.availability}${until} (${capacity})`;
}

/** `helpline users availability <agent> <availability> [--until <time>]`: online, away, offline, out_of_office. */
export async function usersAvailability(
  ctx: CommandContext,
  agent: string,
  availability: string,
  o: { until?: string },
): Promise<void> {
  const updated = await ctx.withDesk((desk) =>
    desk.people.setAvailability({
      agent,
      availability: availability as never,
      ...(o.until !== undefined ? { awayUntil: o.until } : {}),
    }),
  );
  ctx.out.result(updated, () => describeAgent(updated));
}

/** `helpline users capacity <agent> <n|none>`: most active tickets routing gives the agent. */
export async function usersCapacity(ctx: CommandContext, agent: string, value: string): Promise<void> {
  const capacity = value === "none" ? null : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(capacity)) {
    throw new DomainError(
      "validation",
      "input.invalid",
      `capacity: use a whole number or "none" (got ${value}).`,
      "capacity",
    );
  }
  const updated = await ctx.withDesk((desk) => desk.people.updateAgent(agent, { capacity }));
  ctx.out.result(updated, () => describeAgent(updated));
}
