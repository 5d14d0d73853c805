import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { workspaces } from "../../db/schema/index.js";
import { type Clock, conflict, newId, notFound, parseInput } from "../kernel/index.js";
import type { Workspace } from "./people.js";
import { createWorkspaceInput } from "./schemas.js";
import { ticketSequenceName } from "./workspace-info.js";

/**
 * Creates a workspace with its own ticket-number sequence. Workspaces are
 * created by operators (CLI, bootstrap, superadmin), so this takes no actor.
 */
export async function createWorkspace(db: Db, clock: Clock, input: unknown): Promise<Workspace> {
  const data = parseInput(createWorkspaceInput, input);
  const now = clock.now();
  const id = newId(now);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, data.slug));
    if (existing) throw conflict("workspace.exists", `A workspace with slug "${data.slug}" already exists.`);
    const [row] = await tx
      .insert(workspaces)
      .values({ id, ...data, createdAt: now, updatedAt: now })
      .returning();
    // Numbers come from a sequence: concurrent creates never wait on each other.
    // A rolled-back create leaves a gap; a number is never handed out twice.
    await tx.execute(
      sql.raw(`create sequence if not exists ${ticketSequenceName(id)} start with ${data.ticketStart} minvalue 1`),
    );
    if (!row) throw new Error("workspace insert returned nothing");
    return row;
  });
}

export async function getWorkspaceById(db: Db, id: string): Promise<Workspace> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  if (!row) throw notFound("workspace.not_found", `No workspace with id ${id}.`);
  return row;
}

export async function findWorkspace(db: Db, slug: string): Promise<Workspace | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  return row;
}

/** Returns the workspace with this slug, creating it on first use. */
export async function ensureWorkspace(db: Db, clock: Clock, slug: string, name?: string): Promise<Workspace> {
  const found = await findWorkspace(db, slug);
  if (found) return found;
  try {
    return await createWorkspace(db, clock, { slug, name: name ?? slug });
  } catch (err) {
    const again = await findWorkspace(db, slug);
    if (again) return again;
    throw err;
  }
}
