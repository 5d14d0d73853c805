import { Button, Group, Skeleton, Stack, Table, Text } from "@mantine/core";
import { formatDateTime, relativeTime } from "../../lib/format.js";
import { useAgentNames } from "../../lib/lookups.js";
import { PriorityBadge, StatusBadge } from "../../ui/badges.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { useRelatedTickets } from "./people-queries.js";
import { RouterAnchor } from "./router-anchor.js";

/** A compact, live list of the tickets a query finds (a customer's, a company's). */
export function RelatedTickets({ query, label, empty }: { query: string; label: string; empty: string }) {
  const tickets = useRelatedTickets(query);
  const agentName = useAgentNames();
  if (tickets.isPending) return <Skeleton h={120} aria-label={`Loading ${label}`} />;
  if (tickets.isError) return <ErrorAlert error={tickets.error} onRetry={() => tickets.refetch()} />;
  const rows = tickets.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={560} type="native">
        <Table verticalSpacing={4} fz="sm" highlightOnHover aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Ticket</Table.Th>
              <Table.Th>Subject</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Priority</Table.Th>
              <Table.Th>Assignee</Table.Th>
              <Table.Th>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>
                  <RouterAnchor to="/tickets/$ref" params={{ ref: t.number }} size="sm" fw={600}>
                    {t.number}
                  </RouterAnchor>
                </Table.Td>
                <Table.Td maw={320}>
                  <Text size="sm" truncate title={t.subject}>
                    {t.subject}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={t.status} />
                </Table.Td>
                <Table.Td>
                  <PriorityBadge level={t.priority} />
                </Table.Td>
                <Table.Td>{agentName(t.assigneeId)}</Table.Td>
                <Table.Td title={formatDateTime(t.createdAt)}>{relativeTime(t.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {tickets.hasNextPage && (
        <Group>
          <Button
            size="xs"
            variant="default"
            loading={tickets.isFetchingNextPage}
            onClick={() => tickets.fetchNextPage()}
          >
            Load more tickets
          </Button>
        </Group>
      )}
    </Stack>
  );
}
