import { checkPasswordPolicy, DomainError } from "../../lib/index.js";
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
