import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { VisuallyHidden } from "@mantine/core";
import dayjs from "dayjs";
import { type ReactNode, useState } from "react";
import classes from "./calendar.module.css";
import { ChipFace, chipStyle, DRAG_HELP_ID } from "./calendar-chip.js";
import type { CalendarEntry } from "./calendar-data.js";
import { type DayKey, dayKey, formatLongDay } from "./calendar-dates.js";

const DAY_PREFIX = "day:";
const dayOf = (id: unknown): DayKey | null =>
  typeof id === "string" && id.startsWith(DAY_PREFIX) ? id.slice(DAY_PREFIX.length) : null;
const entryOf = (data: unknown): CalendarEntry | null => (data as { entry?: CalendarEntry } | undefined)?.entry ?? null;

/** A day that accepts dropped chips; `isOver` lights it up. */
export function useDayDrop(day: DayKey) {
  return useDroppable({ id: `${DAY_PREFIX}${day}` });
}

const STEP: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 7, ArrowUp: -7 };

/**
 * Arrow keys jump a whole day (left/right) or week (up/down) instead of 25 px.
 * Where that day is not shown (the agenda lists only busy days, the week view
 * has no row below), the nearest shown day in that direction is taken.
 */
const dayCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const step = STEP[event.code];
  if (step === undefined) return undefined;
  event.preventDefault();
  const current = dayOf(context.over?.id) ?? entryOf(context.active?.data.current)?.day;
  if (!current) return undefined;
  const shown = [...context.droppableRects.keys()]
    .map(dayOf)
    .filter((d): d is DayKey => d !== null)
    .sort();
  let target = dayKey(dayjs(current).add(step, "day"));
  if (!shown.includes(target)) {
    const next = step > 0 ? shown.find((d) => d > current) : shown.findLast((d) => d < current);
    if (!next) return undefined;
    target = next;
  }
  const rect = context.droppableRects.get(`${DAY_PREFIX}${target}`);
  // Inside the cell, below its day number, so the chip lands wholly in it.
  return rect ? { x: rect.left + 4, y: rect.top + 24 } : undefined;
};

/** The pointer decides where it is; the keyboard (no pointer) goes by where the chip is. */
const detect: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

function announcements(): Announcements {
  const name = (data: unknown) => entryOf(data)?.ticket.number ?? "The ticket";
  return {
    onDragStart: ({ active }) => {
      const e = entryOf(active.data.current);
      return `Picked up ${name(active.data.current)}, due ${e ? formatLongDay(e.day) : ""}.`;
    },
    onDragOver: ({ over }) => {
      const day = dayOf(over?.id);
      return day ? `Over ${formatLongDay(day)}.` : "Not over a day.";
    },
    onDragEnd: ({ active, over }) => {
      const day = dayOf(over?.id);
      return day
        ? `Moving ${name(active.data.current)} to ${formatLongDay(day)}.`
        : `${name(active.data.current)} was not moved.`;
    },
    onDragCancel: ({ active }) => `Cancelled; ${name(active.data.current)} keeps its due date.`,
  };
}

const HELP =
  "To move this due date, press Space, then the arrow keys: left and right move a day, up and down a week. " +
  "Press Space again to drop it, or Escape to cancel. Enter opens the ticket.";

/** Drag-to-reschedule around the grid: a dropped chip asks `onMove` to move its due date to that day. */
export function CalendarDnd({
  children,
  showTime,
  onMove,
}: {
  children: ReactNode;
  showTime?: boolean;
  onMove(entry: CalendarEntry, day: DayKey): void;
}) {
  const sensors = useSensors(
    // A few pixels of movement before a drag starts, so a click still opens the ticket.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, {
      // Enter stays "open the link"; Space picks the chip up.
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
      coordinateGetter: dayCoordinates,
    }),
  );
  const [active, setActive] = useState<CalendarEntry | null>(null);
  const end = (event: DragEndEvent) => {
    setActive(null);
    const entry = entryOf(event.active.data.current);
    const day = dayOf(event.over?.id);
    if (entry && day && day !== entry.day) onMove(entry, day);
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={detect}
      onDragStart={(event: DragStartEvent) => setActive(entryOf(event.active.data.current))}
      onDragEnd={end}
      onDragCancel={() => setActive(null)}
      accessibility={{ announcements: announcements(), screenReaderInstructions: { draggable: HELP } }}
    >
      <VisuallyHidden id={DRAG_HELP_ID}>{HELP}</VisuallyHidden>
      {children}
      {/* The chip follows the pointer as an overlay: the link itself never moves, so letting go never clicks it. */}
      <DragOverlay dropAnimation={null}>
        {active ? (
          <div
            className={`${classes.chip} ${classes.overlay}`}
            style={chipStyle(active)}
            data-overdue={active.overdue || undefined}
          >
            <ChipFace entry={active} showTime={showTime} />
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
