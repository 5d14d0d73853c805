import { z } from "zod";
import { badCursor, DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, isUuid, MAX_PAGE_SIZE } from "../kernel/index.js";

/** `limit` and `cursor` of every people list. */
export const pageInput = {
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(500).optional(),
};

/** Decodes a keyset cursor `[text, id]` (a name or email, then the row id). */
export function textCursor(cursor: string): { key: string; id: string } {
  const [key, id] = decodeCursor(cursor, 2);
  if (typeof key !== "string" || typeof id !== "string" || !isUuid(id)) throw badCursor();
  return { key, id };
}

/** Decodes a keyset cursor `[timestamp, id]`. */
export function timeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof id !== "string" || !isUuid(id)) {
    throw badCursor();
  }
  return { at: new Date(at), id };
}

/** Cuts the `limit + 1` rows a query fetched into a page and the cursor of the next one. */
export function pageFrom<R, T>(
  rows: R[],
  limit: number,
  key: (row: R) => unknown[],
  map: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null,
  };
}

/** Escapes LIKE wildcards so user text matches literally. */
export const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, "\\$&")}%`;
