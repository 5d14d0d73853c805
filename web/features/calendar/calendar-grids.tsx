import { Button, Popover, Stack, Text, VisuallyHidden } from "@mantine/core";
import type { Dayjs } from "dayjs";
import classes from "./calendar.module.css";
import { CalendarChip, type ChipAction } from "./calendar-chip.js";
import type { CalendarEntry } from "./calendar-data.js";
import { type DayKey, dayKey, formatLongDay, type Period, weekdayNames } from "./calendar-dates.js";
import { useDayDrop } from "./calendar-dnd.js";

/** A month cell shows this many chips; beyond it, one fewer plus "+N more". */
const MONTH_CELL_MAX = 4;

export interface GridProps {
  period: Period;
  entries: Map<DayKey, CalendarEntry[]>;
  today: DayKey;
  onAction(entry: CalendarEntry, action: ChipAction): void;
}

const NONE: CalendarEntry[] = [];

/** Six weeks, Monday first; days outside the month are shaded, today is outlined. */
export function MonthGrid({ period, entries, today, onAction }: GridProps) {
  return (
    <div>
      {/* Each day cell carries its full date for screen readers; these headings are for the eye. */}
      <div className={classes.grid} aria-hidden>
        {weekdayNames().map((n) => (
          <div key={n} className={classes.weekday}>
            {n}
          </div>
        ))}
      </div>
      <ol className={classes.grid} style={{ borderTop: 0 }} aria-label={`Days of ${period.title}`}>
        {period.days.map((d) => (
          <DayCell
            key={d.valueOf()}
            day={d}
            label={String(d.date())}
            outside={!d.isSame(period.anchor, "month")}
            today={today}
            entries={entries.get(dayKey(d)) ?? NONE}
            max={MONTH_CELL_MAX}
            onAction={onAction}
          />
        ))}
      </ol>
    </div>
  );
}

const weekHead = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric" });

/** Seven columns, each day's tickets in order of time. */
export function WeekGrid({ period, entries, today, onAction }: GridProps) {
  return (
    <ol className={`${classes.grid} ${classes.week}`} aria-label={`Days of ${period.title}`}>
      {period.days.map((d) => (
        <DayCell
          key={d.valueOf()}
          day={d}
          label={weekHead.format(d.toDate())}
          today={today}
          entries={entries.get(dayKey(d)) ?? NONE}
          showTime
          onAction={onAction}
        />
      ))}
    </ol>
  );
}

interface DayCellProps {
  day: Dayjs;
  label: string;
  outside?: boolean;
  today: DayKey;
  entries: CalendarEntry[];
  max?: number;
  showTime?: boolean;
  onAction: GridProps["onAction"];
}

function DayCell({ day, label, outside, today, entries, max, showTime, onAction }: DayCellProps) {
  const key = dayKey(day);
  const { setNodeRef, isOver } = useDayDrop(key);
  const isToday = key === today;
  const shown = max !== undefined && entries.length > max ? entries.slice(0, max - 1) : entries;
  return (
    <li
      ref={setNodeRef}
      className={classes.cell}
      data-day={key}
      data-outside={outside || undefined}
      data-today={isToday || undefined}
      data-over={isOver || undefined}
    >
      <span className={classes.dayNumber} aria-hidden>
        {label}
      </span>
      <VisuallyHidden>
        {formatLongDay(day)}
        {isToday ? " (today)" : ""}
        {entries.length > 0 ? `, ${entries.length} ${entries.length === 1 ? "ticket" : "tickets"}` : ""}
      </VisuallyHidden>
      {shown.map((e) => (
        <CalendarChip key={e.ticket.id} entry={e} showTime={showTime} onAction={onAction} />
      ))}
      {shown.length < entries.length && (
        <MoreTickets day={key} entries={entries} hidden={entries.length - shown.length} onAction={onAction} />
      )}
    </li>
  );
}

function MoreTickets({
  day,
  entries,
  hidden,
  onAction,
}: {
  day: DayKey;
  entries: CalendarEntry[];
  hidden: number;
  onAction: GridProps["onAction"];
}) {
  return (
    <Popover position="bottom-start" width={300} shadow="md" trapFocus returnFocus withinPortal>
      <Popover.Target>
        <Button variant="subtle" size="compact-xs" justify="flex-start" px={4}>
          +{hidden} more<VisuallyHidden> tickets on {formatLongDay(day)}</VisuallyHidden>
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Text size="xs" fw={600} mb={4}>
          {formatLongDay(day)}: {entries.length} tickets
        </Text>
        <Stack gap={2}>
          {entries.map((e) => (
            <CalendarChip key={e.ticket.id} entry={e} showTime place="more" onAction={onAction} />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
