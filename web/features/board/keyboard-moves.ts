import {
  type ClientRect,
  type CollisionDetection,
  type DroppableContainer,
  KeyboardCode,
  type KeyboardCoordinateGetter,
  pointerWithin,
  rectIntersection,
} from "@dnd-kit/core";

/** What every column cell carries, so a drag knows where it may go. */
export interface CellDropData {
  laneKey: string;
  status: string;
}

function laneOf(container: DroppableContainer | { data: { current?: unknown } } | null | undefined) {
  return (container?.data.current as Partial<CellDropData> | undefined)?.laneKey;
}

/**
 * Arrow keys jump a lifted card to the next column of its lane (left or right)
 * instead of nudging it by pixels: the keyboard way to drag across a board.
 */
export const columnJumps: KeyboardCoordinateGetter = (event, { context }) => {
  const { active, collisionRect, droppableRects, droppableContainers } = context;
  if (event.code !== KeyboardCode.Right && event.code !== KeyboardCode.Left) {
    // Up and down have nothing to reach (cards keep their order; other lanes are not targets).
    if (event.code === KeyboardCode.Up || event.code === KeyboardCode.Down) event.preventDefault();
    return undefined;
  }
  event.preventDefault();
  if (!active || !collisionRect) return undefined;
  const lane = (active.data.current as { laneKey?: string } | undefined)?.laneKey;
  const right = event.code === KeyboardCode.Right;
  let best: ClientRect | undefined;
  for (const container of droppableContainers.getEnabled()) {
    if (laneOf(container) !== lane) continue;
    const rect = droppableRects.get(container.id);
    if (!rect) continue;
    const beyond = right ? rect.left > collisionRect.left + 1 : rect.right < collisionRect.left - 1;
    if (!beyond) continue;
    if (!best || (right ? rect.left < best.left : rect.left > best.left)) best = rect;
  }
  if (!best) return undefined;
  const y = Math.max(best.top, Math.min(collisionRect.top, best.bottom - collisionRect.height));
  return { x: best.left + (best.width - collisionRect.width) / 2, y };
};

/** The pointer decides where a mouse or touch drag is; without one (keyboard), the card's overlap does. */
export const boardCollisions: CollisionDetection = (args) =>
  args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args);
