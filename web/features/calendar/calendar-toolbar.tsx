import { ActionIcon, Button, Group, Loader, SegmentedControl, Switch, Text, Title } from "@mantine/core";
import {
  IconAlertTriangle,
  IconCalendarDue,
  IconChevronLeft,
  IconChevronRight,
  IconHourglassHigh,
} from "@tabler/icons-react";
import classes from "./calendar.module.css";
import type { CalendarMode, Period } from "./calendar-dates.js";

interface ToolbarProps {
  period: Period;
  mine: boolean;
  fetching: boolean;
  onStep(step: -1 | 1): void;
  onToday(): void;
  onMode(mode: CalendarMode): void;
  onMine(mine: boolean): void;
}

/** Title, period navigation, month/week and "Only mine". */
export function CalendarToolbar({ period, mine, fetching, onStep, onToday, onMode, onMine }: ToolbarProps) {
  const unit = period.mode === "month" ? "month" : "week";
  return (
    <Group justify="space-between" gap="xs" wrap="wrap">
      <Group gap="xs" wrap="nowrap">
        <Title order={1} size="h3">
          Calendar
        </Title>
        {fetching && <Loader size="xs" role="status" aria-label="Loading tickets" />}
      </Group>
      <Group gap="xs" wrap="wrap">
        <Group gap={4} wrap="nowrap">
          <ActionIcon variant="default" size="md" aria-label={`Previous ${unit}`} onClick={() => onStep(-1)}>
            <IconChevronLeft size={16} aria-hidden />
          </ActionIcon>
          <Button variant="default" size="xs" onClick={onToday}>
            Today
          </Button>
          <ActionIcon variant="default" size="md" aria-label={`Next ${unit}`} onClick={() => onStep(1)}>
            <IconChevronRight size={16} aria-hidden />
          </ActionIcon>
        </Group>
        <SegmentedControl
          size="xs"
          aria-label="Calendar view"
          value={period.mode}
          onChange={(v) => onMode(v === "week" ? "week" : "month")}
          data={[
            { value: "month", label: "Month" },
            { value: "week", label: "Week" },
          ]}
        />
        <Switch size="xs" label="Only mine" checked={mine} onChange={(e) => onMine(e.currentTarget.checked)} />
      </Group>
    </Group>
  );
}

/** How to read a chip: the markers are shapes and words, not colour alone. */
export function CalendarLegend() {
  return (
    <Group gap="md" wrap="wrap">
      <Text size="xs" className={`${classes.muted} ${classes.legendItem}`} component="span">
        <IconCalendarDue size={14} aria-hidden /> Due date (drag to reschedule)
      </Text>
      <Text size="xs" className={`${classes.muted} ${classes.legendItem}`} component="span">
        <IconHourglassHigh size={14} aria-hidden /> SLA deadline
      </Text>
      <Text size="xs" className={`${classes.muted} ${classes.legendItem}`} component="span">
        <IconAlertTriangle size={14} aria-hidden /> Overdue (red)
      </Text>
    </Group>
  );
}
