/** API contracts for search and the query bar, shared by the server and the web app. */
import { z } from "zod";
import { pageOf, ticketView } from "./tickets.js";

export const segmentView = z.object({ text: z.string(), match: z.boolean() });

export const highlightView = z.object({
  source: z.enum(["subject", "description", "message", "note"]),
  entryId: z.string().optional(),
  segments: z.array(segmentView).describe("the snippet in pieces; `match` pieces are the words that matched"),
});

export const searchHitView = z.object({
  ticket: ticketView.partial().passthrough(),
  rank: z.number(),
  highlights: z.array(highlightView),
});
export const searchPageView = pageOf(searchHitView);

export const personHitView = z.object({
  kind: z.enum(["customer", "company"]),
  id: z.string(),
  name: z.string().nullable(),
  detail: z.string().nullable().describe("email for customers, domain for companies"),
  score: z.number(),
});

const spanView = z.object({ start: z.number().int(), end: z.number().int() });

export const completionView = z.object({
  replace: spanView.describe("the part of the text the chosen item replaces"),
  kind: z.enum(["field", "value", "keyword"]),
  field: z.string().optional(),
  items: z.array(
    z.object({
      label: z.string(),
      insert: z.string(),
      kind: z.enum(["field", "value", "keyword"]),
      detail: z.string().optional(),
    }),
  ),
});

/** One positioned problem in a query, as `error.details.issues[]` of a `query.invalid` error. */
export const queryIssueView = z.object({
  message: z.string(),
  span: spanView,
  at: z.string().describe("line:column, 1-based"),
  suggestion: z.string().optional(),
});
