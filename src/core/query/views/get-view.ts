import type { Ctx } from "../../kernel/index.js";
import { findVisibleView, type View } from "./view.js";

/** One view the actor can see, by id or name (their own first); `view.not_found` otherwise. */
export function getView(ctx: Ctx, ref: string): Promise<View> {
  return findVisibleView(ctx.db, ctx, ref);
}
