import type {
  CreateViewInput,
  DefineCustomFieldInput,
  RunViewInput,
  UpdateCustomFieldInput,
  UpdateViewInput,
} from "../../../common/api/views.js";
import type { Ctx } from "../../core/kernel/index.js";
import * as query from "../../core/query/index.js";
import * as tickets from "../../core/tickets/index.js";
import type { Mutation } from "./people.js";

/**
 * Views (saved queries) of the acting agent: personal, shared with a team or
 * with the workspace. Who sees, shares and changes what is decided in
 * src/core/query/views/view.ts.
 */
export function viewsServices(ctx: Ctx, mutation: Mutation) {
  return {
    /** The views the actor can see, each with a live (capped) count of its tickets. */
    list: (input: query.ListViewsInput = {}) => query.listViews(ctx, input),
    /** By id or name (the actor's own view first). */
    get: (ref: string) => query.getView(ctx, ref),
    /** Saves a query; a bad one is refused with `query.invalid` and positioned issues. */
    create: mutation((c, input: CreateViewInput) => query.createView(c, input)),
    /** Name, query, visibility, team, position, display. */
    update: mutation((c, ref: string, input: UpdateViewInput) => query.updateView(c, ref, input)),
    delete: mutation((c, ref: string) => query.deleteView(c, ref)),
    /** A page of the view's tickets, for the actor (`me` is whoever runs it). */
    run: (ref: string, input: RunViewInput = {}) => query.runView(ctx, ref, input),
    /** Tickets matching a query, counted up to `cap` (default 10,000). */
    count: (q: string, cap?: number) => query.countTickets(ctx, q, cap),
  };
}

/** The workspace's custom ticket fields: every agent reads them, managers and superadmins change them (audited). */
export function customFieldServices(ctx: Ctx, mutation: Mutation) {
  return {
    list: () => tickets.listCustomFields(ctx),
    get: (key: string) => tickets.getCustomField(ctx, key),
    /** `key` (lowercase), `label`, `type`; `options` for (and only for) a select field. */
    define: mutation((c, input: DefineCustomFieldInput) => tickets.defineCustomField(c, input)),
    /** A new label, or a select field's complete option list. */
    update: mutation((c, key: string, input: UpdateCustomFieldInput) => tickets.updateCustomField(c, key, input)),
    /** Stored ticket values stay; views naming the field report an error until it is defined again. */
    delete: mutation((c, key: string) => tickets.deleteCustomField(c, key)),
  };
}
