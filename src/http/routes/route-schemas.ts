import { z } from "zod";

/** `:id` of a person, company or team (an email or a name works too). */
export const idParam = z.object({ id: z.string().trim().min(1).max(320).describe("id (or email / name)") }).strict();

/** `limit` and `cursor` of every list. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).optional().describe("page size, 1-500 (default 50)"),
  cursor: z.string().max(500).optional().describe("`nextCursor` of the previous page"),
};
