import type { CommandContext } from "../context.js";

/** `helpline users create`: add an agent, manager or superadmin (works offline). */
export async function usersCreate(
  ctx: CommandContext,
  o: { email: string; name?: string; role?: string },
): Promise<void> {
  const agent = await ctx.withDesk((desk) =>
    desk.people.createAgent({
      email: o.email,
      name: o.name ?? o.email.split("@")[0] ?? o.email,
      role: (o.role ?? "agent") as never,
    }),
  );
  ctx.out.result(agent, () => `Created ${agent.role} ${agent.name} <${agent.email}> (${agent.id})`);
}
