import { Stack, Table, Text } from "@mantine/core";
import { formatDateTime, relativeTime } from "../../lib/format.js";
import type { TimelineEntry } from "../../lib/types.js";
import { fieldLabel, formatValue } from "./event-text.js";
import { type NameOf, useValueNames } from "./use-ticket-data.js";

/** Every recorded field change, newest first: what changed, from → to, who, when. */
export function History({ entries, nameOf }: { entries: TimelineEntry[]; nameOf: NameOf }) {
  const names = useValueNames();
  const rows = entries
    .filter((e) => e.kind === "event" && e.event && e.event.changes.length > 0)
    .reverse()
    .flatMap((e) =>
      (e.event?.changes ?? []).map((c, i) => ({
        key: `${e.id}-${i}`,
        at: e.createdAt,
        who: e.event?.rule ? `Rule '${e.event.rule.name}'` : nameOf(e.author),
        field: fieldLabel(c.field),
        from: formatValue(c.field, c.from, names),
        to: formatValue(c.field, c.to, names),
      })),
    );
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="sm">
        No changes recorded yet: status, priority and routing changes will be listed here.
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Table.ScrollContainer minWidth={520}>
        <Table striped withTableBorder fz="xs" verticalSpacing={4} aria-label="History of changes, newest first">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>Field</Table.Th>
              <Table.Th>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>
                  <time dateTime={r.at} title={formatDateTime(r.at)}>
                    {relativeTime(r.at)}
                  </time>
                </Table.Td>
                <Table.Td>{r.who}</Table.Td>
                <Table.Td>{r.field}</Table.Td>
                <Table.Td>
                  {r.from} → {r.to}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
