import { Button, Checkbox, Group, NumberInput, Skeleton, Stack, Switch, Table, Text, TextInput } from "@mantine/core";
import { notifications as toasts } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { PreferencesView } from "../../../common/api/notifications.js";
import { get, put } from "../../lib/api.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { fieldError, isFieldError } from "../people/form-errors.js";
import { CHANNEL_LABEL, kindLabel } from "./kinds.js";

type Channels = PreferencesView["channels"];

/** Channels per kind, quiet hours, time zone and email batching; saves only what changed. */
export function NotificationPreferences() {
  const prefs = useQuery({
    queryKey: ["notifications", "preferences"],
    queryFn: () => get<PreferencesView>("/api/v1/me/notification-preferences"),
  });
  if (prefs.isPending) return <Skeleton h={320} aria-label="Loading notification preferences" />;
  if (prefs.isError) return <ErrorAlert error={prefs.error} onRetry={() => prefs.refetch()} />;
  return <PreferencesForm key={JSON.stringify(prefs.data)} prefs={prefs.data} />;
}

/** Only the switches that differ from what the server has. */
function channelChanges(before: Channels, after: Channels): Channels {
  const out: Channels = {};
  for (const [kind, channels] of Object.entries(after)) {
    for (const [channel, on] of Object.entries(channels)) {
      if (before[kind]?.[channel] !== on) out[kind] = { ...out[kind], [channel]: on };
    }
  }
  return out;
}

function PreferencesForm({ prefs }: { prefs: PreferencesView }) {
  const [channels, setChannels] = useState<Channels>(prefs.channels);
  const [quiet, setQuiet] = useState(prefs.quietHours !== null);
  const [start, setStart] = useState(prefs.quietHours?.start ?? "22:00");
  const [end, setEnd] = useState(prefs.quietHours?.end ?? "07:00");
  const [timeZone, setTimeZone] = useState(prefs.timeZone);
  const [batch, setBatch] = useState<number | string>(prefs.emailBatchMinutes);
  const client = useQueryClient();
  const channelNames = [...new Set(Object.values(prefs.channels).flatMap((c) => Object.keys(c)))];
  const save = useMutation({
    mutationFn: () => {
      const changed = channelChanges(prefs.channels, channels);
      const quietHours = quiet ? { start, end } : null;
      return put<PreferencesView>("/api/v1/me/notification-preferences", {
        ...(Object.keys(changed).length > 0 ? { channels: changed } : {}),
        ...(JSON.stringify(quietHours) !== JSON.stringify(prefs.quietHours) ? { quietHours } : {}),
        ...(timeZone.trim() !== prefs.timeZone ? { timeZone: timeZone.trim() || null } : {}),
        ...(typeof batch === "number" && batch !== prefs.emailBatchMinutes ? { emailBatchMinutes: batch } : {}),
      });
    },
    onSuccess: (saved) => {
      client.setQueryData(["notifications", "preferences"], saved);
      toasts.show({ color: "teal", message: "Notification preferences saved." });
    },
  });
  const err = save.error;
  const toggle = (kind: string, channel: string, on: boolean) =>
    setChannels((c) => ({ ...c, [kind]: { ...c[kind], [channel]: on } }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={320} type="native">
          <Table verticalSpacing={2} fz="sm" aria-label="Channels per kind of notification">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kind</Table.Th>
                {channelNames.map((ch) => (
                  <Table.Th key={ch} ta="center">
                    {CHANNEL_LABEL[ch] ?? ch}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {Object.entries(channels).map(([kind, byChannel]) => (
                <Table.Tr key={kind}>
                  <Table.Th scope="row" fw={400}>
                    {kindLabel(kind)}
                  </Table.Th>
                  {channelNames.map((ch) => (
                    <Table.Td key={ch} ta="center">
                      <Checkbox
                        size="xs"
                        display="inline-block"
                        aria-label={`${kindLabel(kind)} by ${CHANNEL_LABEL[ch] ?? ch}`}
                        checked={byChannel[ch] ?? false}
                        onChange={(e) => toggle(kind, ch, e.currentTarget.checked)}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {fieldError(err, "channels") && (
          <Text size="sm" c="var(--mantine-color-error)">
            {fieldError(err, "channels")}
          </Text>
        )}
        <Switch
          label="Quiet hours: hold email and Slack until they end"
          checked={quiet}
          onChange={(e) => setQuiet(e.currentTarget.checked)}
        />
        {quiet && (
          <Group grow gap="xs">
            <TextInput
              size="xs"
              type="time"
              label="From"
              value={start}
              onChange={(e) => setStart(e.currentTarget.value)}
              error={fieldError(err, "quietHours.start") ?? fieldError(err, "quietHours")}
            />
            <TextInput
              size="xs"
              type="time"
              label="Until"
              value={end}
              onChange={(e) => setEnd(e.currentTarget.value)}
              error={fieldError(err, "quietHours.end")}
            />
          </Group>
        )}
        <Group grow gap="xs" align="flex-start">
          <TextInput
            size="xs"
            label="Time zone"
            description="For quiet hours and reminders"
            value={timeZone}
            onChange={(e) => setTimeZone(e.currentTarget.value)}
            error={fieldError(err, "timeZone")}
          />
          <NumberInput
            size="xs"
            label="Email batch (minutes)"
            description="0 sends each at once"
            min={0}
            max={1440}
            value={batch}
            onChange={setBatch}
            error={fieldError(err, "emailBatchMinutes")}
          />
        </Group>
        {err && !isFieldError(err, ["channels", "quietHours", "timeZone", "emailBatchMinutes"]) && (
          <ErrorAlert error={err} />
        )}
        <Group justify="flex-end">
          <Button size="xs" type="submit" loading={save.isPending}>
            Save preferences
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
