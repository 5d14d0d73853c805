import { Alert, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useLocalStorage, useMediaQuery } from "@mantine/hooks";
import { useNavigate, useSearch } from "@tanstack/react-router";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { ErrorAlert } from "../../ui/error-alert.js";
import { AgendaList } from "./agenda-list.js";
import classes from "./calendar.module.css";
import type { ChipAction } from "./calendar-chip.js";
import { byDay, type CalendarEntry, useCalendarTickets, useSetDue } from "./calendar-data.js";
import {
  anchorForSwitch,
  type CalendarMode,
  type DayKey,
  dayKey,
  moveToDay,
  parseDay,
  parseMode,
  periodOf,
  shiftPeriod,
} from "./calendar-dates.js";
import { CalendarDnd } from "./calendar-dnd.js";
import { MonthGrid, WeekGrid } from "./calendar-grids.js";
import { CalendarLegend, CalendarToolbar } from "./calendar-toolbar.js";
import { DueDateModal, type DueDateTarget } from "./due-date-modal.js";

/** "Now" for overdue markers and today's outline, refreshed every minute. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * Tickets on their due day: the agent-set due date, else the SLA deadline.
 * Month (6 weeks, Monday first) or week; the period lives in the URL
 * (?mode=month|week&date=YYYY-MM-DD). Due dates move by drag or by a menu.
 */
export function CalendarPage() {
  const search = useSearch({ strict: false });
  const navigate = useNavigate();
  const now = useNow();
  const today = dayjs(now);
  const mode = parseMode(search.mode);
  const anchorKey = parseDay(search.date, today).format("YYYY-MM-DD");
  const period = useMemo(() => periodOf(mode, dayjs(anchorKey)), [mode, anchorKey]);
  const narrow = useMediaQuery("(max-width: 40em)", false, { getInitialValueInEffect: false });
  const [mine, setMine] = useLocalStorage({ key: "helpline-calendar-mine", defaultValue: false });
  const query = useCalendarTickets(period.from, period.to, mine);
  const setDue = useSetDue();
  const [dialog, setDialog] = useState<DueDateTarget | null>(null);
  const entries = useMemo(() => byDay(query.data?.items ?? [], now), [query.data, now]);

  const go = (m: CalendarMode, anchor: Dayjs) =>
    navigate({ to: "/calendar", search: { mode: m, date: anchor.format("YYYY-MM-DD") } });
  const move = (entry: CalendarEntry, day: DayKey) =>
    setDue.mutate({ ticket: entry.ticket, dueAt: moveToDay(entry.at, day) });
  const onAction = (entry: CalendarEntry, action: ChipAction) => {
    if (action === "clear") setDue.mutate({ ticket: entry.ticket, dueAt: null });
    else setDialog({ entry, action });
  };

  const grid = { period, entries, today: dayKey(today), onAction };
  const count = query.data?.items.length ?? 0;
  return (
    <Stack gap="xs">
      <CalendarToolbar
        period={period}
        mine={mine}
        fetching={query.isFetching}
        onStep={(step) => go(mode, shiftPeriod(mode, period.anchor, step))}
        onToday={() => go(mode, today)}
        onMode={(m) => go(m, anchorForSwitch(period, today))}
        onMine={setMine}
      />
      <Stack gap={2}>
        <Title order={2} size="h4">
          {period.title}
        </Title>
        <CalendarLegend />
      </Stack>
      {query.isError && (
        <ErrorAlert error={query.error} title="Could not load the calendar" onRetry={() => query.refetch()} />
      )}
      {query.data?.truncated && (
        <Alert color="yellow" variant="light" role="status">
          More than 1,000 tickets in this range; showing the earliest. Turn on "Only mine" or use the week view to see
          the rest.
        </Alert>
      )}
      {query.isSuccess && count === 0 && (
        <Text size="sm" className={classes.muted} role="status">
          No tickets are due in this {mode}
          {mine ? " among yours" : ""}. Tickets show on their due date (set one on the ticket) or, without one, on their
          SLA deadline.
        </Text>
      )}
      {query.isPending ? (
        <Skeleton height={narrow ? 240 : 560} aria-hidden />
      ) : (
        <CalendarDnd onMove={move} showTime={mode === "week" || narrow}>
          {narrow ? <AgendaList {...grid} /> : mode === "month" ? <MonthGrid {...grid} /> : <WeekGrid {...grid} />}
        </CalendarDnd>
      )}
      <DueDateModal
        target={dialog}
        onClose={() => setDialog(null)}
        onSubmit={(entry, dueAt) => setDue.mutate({ ticket: entry.ticket, dueAt })}
      />
    </Stack>
  );
}
