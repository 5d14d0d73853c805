import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../db/connection.js";
import { workspaces } from "../../db/schema/index.js";
import { type Clock, conflict, newId, notFound, parseInput } from "../kernel/index.js";
import type { Workspace } from "./people.js";
import { createWorkspaceInput } from "./schemas.js";
import { installWorkspaceDefaults } from "./workspace-defaults.js";
import { ticketSequenceName } from "./workspace-info.js";

/** Inserts a workspace and its ticket-number sequence inside the caller's transaction. */
export async function insertWorkspace(
  tx: Tx,
  now: Date,
  data: z.output<typeof createWorkspaceInput>,
): Promise<Workspace> {
  const id = newId(now);
  const [row] = await tx
    .insert(workspaces)
    .values({ id, ...data, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw conflict("workspace.exists", `A workspace with slug "${data.slug}" already exists.`, { field: "slug" });
  // Numbers come from a sequence: concurrent creates never wait on each other.
  // A rolled-back create leaves a gap; a number is never handed out twice.
  await tx.execute(
    sql.raw(`create sequence if not exists ${ticketSequenceName(id)} start with ${data.ticketStart} minvalue 1`),
  );
  // Seed 001's automation rules, as ordinary rules managers may change or delete.
  await installWorkspaceDefaults(tx, id, now);
  return toWorkspace(row);
}

export function toWorkspace(row: typeof workspaces.$inferSelect): Workspace {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    ticketPrefix: row.ticketPrefix,
    ticketStart: row.ticketStart,
    createdAt: row.createdAt,
  };
}

/**
 * Creates a workspace with its own ticket-number sequence. Workspaces are
 * created by operators (CLI, bootstrap), so this takes no actor; superadmins
 * use `provisionWorkspace`.
 */
export async function createWorkspace(db: Db, clock: Clock, input: unknown): Promise<Workspace> {
  const data = parseInput(createWorkspaceInput, input);
  return db.transaction((tx) => insertWorkspace(tx, clock.now(), data));
}

export async function getWorkspaceById(db: Db, id: string): Promise<Workspace> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  if (!row) throw notFound("workspace.not_found", `No workspace with id ${id}.`);
  return toWorkspace(row);
}

export async function findWorkspace(db: Db, slug: string): Promise<Workspace | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug));
  return row ? toWorkspace(row) : undefined;
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
