import { Stack, Text, Title } from "@mantine/core";
import type { Dayjs } from "dayjs";
import classes from "./calendar.module.css";
import { CalendarChip } from "./calendar-chip.js";
import type { CalendarEntry } from "./calendar-data.js";
import { type DayKey, dayKey, formatLongDay } from "./calendar-dates.js";
import { useDayDrop } from "./calendar-dnd.js";
import type { GridProps } from "./calendar-grids.js";

/**
 * Narrow screens: the days of the period that have tickets, in order, each with
 * its tickets and their times (a 7-column grid does not fit 360 px).
 */
export function AgendaList({ period, entries, today, onAction }: GridProps) {
  const inPeriod = (d: Dayjs) => period.mode === "week" || d.isSame(period.anchor, "month");
  const busy = period.days.filter((d) => inPeriod(d) && (entries.get(dayKey(d))?.length ?? 0) > 0);
  if (busy.length === 0) {
    // The page already says so when the whole range is empty; here only the neighbouring months' days had tickets.
    return entries.size > 0 ? (
      <Text size="sm" className={classes.muted}>
        No tickets are due in {period.title}.
      </Text>
    ) : null;
  }
  return (
    <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: "none" }} aria-label={`Days of ${period.title}`}>
      {busy.map((d) => (
        <AgendaDay
          key={d.valueOf()}
          day={dayKey(d)}
          isToday={dayKey(d) === today}
          entries={entries.get(dayKey(d)) ?? []}
          onAction={onAction}
        />
      ))}
    </Stack>
  );
}

function AgendaDay({
  day,
  isToday,
  entries,
  onAction,
}: {
  day: DayKey;
  isToday: boolean;
  entries: CalendarEntry[];
  onAction: GridProps["onAction"];
}) {
  const { setNodeRef, isOver } = useDayDrop(day);
  return (
    <li
      ref={setNodeRef}
      className={classes.agendaDay}
      data-day={day}
      data-today={isToday || undefined}
      data-over={isOver || undefined}
    >
      <Title order={3} size="h6" mb={4}>
        {formatLongDay(day)}
        {isToday && (
          <Text span size="xs" className={classes.muted} fw={400}>
            {" "}
            · today
          </Text>
        )}
      </Title>
      <Stack gap={3}>
        {entries.map((e) => (
          <CalendarChip key={e.ticket.id} entry={e} showTime onAction={onAction} />
        ))}
      </Stack>
    </li>
  );
}
