import "@mantine/dates/styles.css";
import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { DatePicker } from "@mantine/dates";
import { useState } from "react";
import classes from "./calendar.module.css";
import type { CalendarEntry } from "./calendar-data.js";
import { type DayKey, formatLongDay, formatTime, moveToDay } from "./calendar-dates.js";

export interface DueDateTarget {
  entry: CalendarEntry;
  /** move: an existing due date to another day; set: a first due date for a ticket that only has an SLA deadline. */
  action: "move" | "set";
}

/** The way to reschedule without dragging (keyboard, touch): pick a day, the time of day stays. */
export function DueDateModal({
  target,
  onClose,
  onSubmit,
}: {
  target: DueDateTarget | null;
  onClose(): void;
  onSubmit(entry: CalendarEntry, dueAt: string): void;
}) {
  const number = target?.entry.ticket.number ?? "";
  const title = target?.action === "set" ? `Set a due date for ${number}` : `Move the due date of ${number}`;
  return (
    <Modal opened={target !== null} onClose={onClose} title={title} size="auto" centered>
      {target && <DueDateForm key={target.entry.ticket.id} target={target} onClose={onClose} onSubmit={onSubmit} />}
    </Modal>
  );
}

function DueDateForm({
  target,
  onClose,
  onSubmit,
}: {
  target: DueDateTarget;
  onClose(): void;
  onSubmit(entry: CalendarEntry, dueAt: string): void;
}) {
  const { entry, action } = target;
  const [day, setDay] = useState<DayKey | null>(entry.day);
  const unchanged = action === "move" && day === entry.day;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {entry.ticket.subject}
        <br />
        {action === "move" ? "Due" : "SLA deadline"}: {formatLongDay(entry.day)}, {formatTime(entry.at)}
      </Text>
      <DatePicker
        value={day}
        onChange={setDay}
        defaultDate={entry.day}
        firstDayOfWeek={1}
        size="sm"
        aria-label="New due day"
        getDayProps={(date) => ({ "aria-label": formatLongDay(date) })}
        ariaLabels={{
          previousMonth: "Previous month",
          nextMonth: "Next month",
          monthLevelControl: "Choose a month",
          yearLevelControl: "Choose a year",
          previousYear: "Previous year",
          nextYear: "Next year",
          previousDecade: "Previous decade",
          nextDecade: "Next decade",
        }}
      />
      <Text size="xs" className={classes.muted}>
        The time of day stays {formatTime(entry.at)}.
      </Text>
      <Group justify="flex-end" gap="xs">
        <Button variant="default" size="xs" onClick={onClose}>
          Cancel
        </Button>
        <Button
          size="xs"
          disabled={day === null || unchanged}
          onClick={() => {
            if (day === null) return;
            onSubmit(entry, moveToDay(entry.at, day));
            onClose();
          }}
        >
          {action === "set" ? "Set due date" : "Move due date"}
        </Button>
      </Group>
    </Stack>
  );
}
