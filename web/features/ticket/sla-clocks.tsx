import { Group, Paper, Progress, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import type { SlaClockView } from "../../../common/api/sla.js";
import { formatDateTime, formatDuration } from "../../lib/format.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { type Tone, useToneColor } from "./tone.js";
import { useSlaClocks } from "./use-ticket-data.js";

const METRIC_LABEL: Record<SlaClockView["metric"], string> = {
  first_response: "First response",
  next_response: "Next response",
  resolution: "Resolution",
};

/** Below this share of the target left, a running clock turns orange. */
const WARN_SHARE = 0.2;

interface ClockState {
  text: string;
  tone?: Tone;
  /** Share of the target used, 0…1 (for the bar). */
  used: number;
}

/** A clock's state at `now`: running clocks count down from what the server measured when it answered. */
export function clockState(c: SlaClockView, measuredAt: number, now: number): ClockState {
  const target = c.targetMinutes * 60_000;
  const running = c.state === "running";
  const left = running ? c.remainingMs - (now - measuredAt) : c.remainingMs;
  const used = target > 0 ? Math.min(1, Math.max(0, 1 - left / target)) : 1;
  if (c.met) return { text: `Met${c.metAt ? ` · ${formatDateTime(c.metAt)}` : ""}`, tone: "green", used };
  if (c.breached || left < 0) {
    return { text: `Breached · ${formatDuration(Math.max(0, -left))} overdue`, tone: "red", used: 1 };
  }
  const tone: Tone | undefined = left < target * WARN_SHARE ? "orange" : undefined;
  if (c.state === "paused") return { text: `Paused · ${formatDuration(left)} left`, tone, used };
  if (c.state === "stopped") return { text: "Stopped", used };
  return { text: `${formatDuration(left)} left`, tone, used };
}

function Clock({ clock, measuredAt, now }: { clock: SlaClockView; measuredAt: number; now: number }) {
  const color = useToneColor();
  const s = clockState(clock, measuredAt, now);
  const label = METRIC_LABEL[clock.metric];
  return (
    <div data-metric={clock.metric}>
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="xs" fw={600}>
          {label}
          {clock.business ? " (business hours)" : ""}
        </Text>
        <Text
          size="xs"
          fw={s.tone ? 700 : undefined}
          c={s.tone ? color(s.tone) : undefined}
          role="timer"
          aria-label={`${label}: ${s.text}`}
        >
          {s.text}
        </Text>
      </Group>
      <Progress
        size="xs"
        value={s.used * 100}
        color={s.tone === "red" ? "red" : s.tone === "orange" ? "orange" : s.tone === "green" ? "teal" : "indigo"}
        aria-label={`${label}: ${Math.round(s.used * 100)} % of the target used`}
      />
    </div>
  );
}

/** The ticket's SLA clocks with a live countdown (ticking every second, corrected by each refetch). */
export function SlaClocks({ ticketId }: { ticketId: string }) {
  const query = useSlaClocks(ticketId);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="ticket-sla-title">
      <Group justify="space-between" mb="xs" gap={4}>
        <Title order={2} size="h5" id="ticket-sla-title">
          SLA
        </Title>
        {query.data && (
          <Text size="xs" c="dimmed">
            {query.data.policy.name}
          </Text>
        )}
      </Group>
      {query.isPending && <Skeleton h={48} aria-label="Loading SLA clocks" />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => query.refetch()} />}
      {query.data && query.data.clocks.length === 0 && (
        <Text size="xs" c="dimmed">
          No SLA clock has started for this ticket yet.
        </Text>
      )}
      {query.data && query.data.clocks.length > 0 && (
        <Stack gap={6}>
          {query.data.clocks.map((c) => (
            <Clock key={c.metric} clock={c} measuredAt={query.dataUpdatedAt} now={now} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}
