import { useDraggable } from "@dnd-kit/core";
import { ActionIcon, Menu, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconAlertTriangle, IconCalendarDue, IconDots, IconHourglassHigh } from "@tabler/icons-react";
import { Link } from "@tanstack/react-router";
import type { CSSProperties } from "react";
import { LEVEL_COLOR, STATUS_LABEL } from "../../lib/format.js";
import classes from "./calendar.module.css";
import { type CalendarEntry, isDone } from "./calendar-data.js";
import { formatLongDay, formatTime } from "./calendar-dates.js";

export const SLA_EXPLAINED = "SLA deadlines follow the SLA policy; set a due date on the ticket to schedule it.";
/** The id of the hidden text that tells keyboard users how to move a chip (rendered once per page). */
export const DRAG_HELP_ID = "calendar-drag-help";

export type ChipAction = "move" | "set" | "clear";

/** The priority as the chip's left border colour. */
export const chipStyle = (e: CalendarEntry) =>
  ({ "--chip-level": `var(--mantine-color-${LEVEL_COLOR[e.ticket.priority]}-6)` }) as CSSProperties;

function when(e: CalendarEntry): string {
  return `${formatLongDay(e.day)}, ${formatTime(e.at)}`;
}

function tooltipOf(e: CalendarEntry): string {
  const head = `${e.kind === "due" ? "Due" : "SLA deadline"} ${when(e)}${e.overdue ? " (overdue)" : ""}`;
  if (e.kind === "sla") return `${head}. ${SLA_EXPLAINED}`;
  return e.movable ? `${head}. Drag to another day to reschedule.` : head;
}

/** What a chip shows: marker, (time), number, subject. Also the drag overlay's face. */
export function ChipFace({ entry, showTime }: { entry: CalendarEntry; showTime?: boolean }) {
  const Marker = entry.kind === "due" ? IconCalendarDue : IconHourglassHigh;
  const done = isDone(entry.ticket);
  return (
    <>
      <span className={classes.marker}>
        {entry.overdue ? <IconAlertTriangle size={12} aria-hidden /> : <Marker size={12} aria-hidden />}
      </span>
      <VisuallyHidden>
        {entry.overdue ? "Overdue " : ""}
        {entry.kind === "due" ? "due date" : "SLA deadline"}
        {done ? `, ${STATUS_LABEL[entry.ticket.status]}` : ""}:
      </VisuallyHidden>
      {showTime && <span className={classes.time}>{formatTime(entry.at)}</span>}
      <span className={classes.number}>{entry.ticket.number}</span>
      <span className={classes.subject}>{entry.ticket.subject}</span>
    </>
  );
}

interface ChipProps {
  entry: CalendarEntry;
  showTime?: boolean;
  /** Where this copy of the chip is (a "+N more" popover repeats chips of its cell); keeps drag ids unique. */
  place?: string;
  onAction(entry: CalendarEntry, action: ChipAction): void;
}

/**
 * A ticket on its day: a link to the ticket; with an agent-set due date it can
 * be dragged to another day (pointer, or Space then arrows from the keyboard).
 */
export function CalendarChip({ entry, showTime, place = "cell", onAction }: ChipProps) {
  const { setNodeRef, listeners, isDragging } = useDraggable({
    id: `ticket:${entry.ticket.id}:${place}`,
    data: { entry },
    disabled: !entry.movable,
  });
  const t = entry.ticket;
  return (
    <div className={classes.chipRow}>
      <Tooltip
        label={tooltipOf(entry)}
        events={{ hover: true, focus: true, touch: false }}
        openDelay={300}
        multiline
        maw={280}
        disabled={isDragging}
        withinPortal
      >
        <Link
          to="/tickets/$ref"
          params={{ ref: t.number }}
          ref={setNodeRef}
          className={classes.chip}
          style={chipStyle(entry)}
          data-movable={entry.movable || undefined}
          data-overdue={entry.overdue || undefined}
          data-done={isDone(t) || undefined}
          data-dragging={isDragging || undefined}
          data-kind={entry.kind}
          data-ticket={t.number}
          aria-describedby={entry.movable ? DRAG_HELP_ID : undefined}
          {...(entry.movable ? listeners : {})}
        >
          <ChipFace entry={entry} showTime={showTime} />
        </Link>
      </Tooltip>
      <ChipMenu entry={entry} onAction={onAction} />
    </div>
  );
}

function ChipMenu({ entry, onAction }: { entry: CalendarEntry; onAction: ChipProps["onAction"] }) {
  const t = entry.ticket;
  const canSet = entry.kind === "sla" && t.can.update === true;
  if (!entry.movable && !canSet) return null;
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size={20} aria-label={`Due date actions for ${t.number}`}>
          <IconDots size={14} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {entry.movable ? (
          <>
            <Menu.Item onClick={() => onAction(entry, "move")}>Move due date to…</Menu.Item>
            <Menu.Item onClick={() => onAction(entry, "clear")}>Clear due date</Menu.Item>
          </>
        ) : (
          <Menu.Item onClick={() => onAction(entry, "set")}>Set a due date…</Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
