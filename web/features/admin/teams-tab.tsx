import { Badge, Button, Group, Skeleton, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { useAgentNames, useTeams } from "../../lib/lookups.js";
import type { Team } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { STRATEGY_LABEL } from "./admin-labels.js";
import { TeamDialog } from "./team-dialog.js";

/** Teams: who leads them, who is in them, how routing picks inside them, which categories they take. */
export function TeamsTab() {
  const teams = useTeams();
  const agentName = useAgentNames();
  // null: closed; "new": the create form; a team: its edit form.
  const [editing, setEditing] = useState<Team | "new" | null>(null);
  if (teams.isPending) return <Skeleton h={200} aria-label="Loading teams" />;
  if (teams.isError) return <ErrorAlert error={teams.error} onRetry={() => teams.refetch()} />;
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button size="xs" onClick={() => setEditing("new")}>
          New team
        </Button>
      </Group>
      {teams.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No teams yet. Create one with “New team” to route tickets by category to a group of agents.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760} type="native">
          <Table verticalSpacing={4} fz="sm" highlightOnHover aria-label="Teams">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Lead</Table.Th>
                <Table.Th>Strategy</Table.Th>
                <Table.Th>Members</Table.Th>
                <Table.Th>Categories</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td fw={600}>{t.name}</Table.Td>
                  <Table.Td>{t.leadAgentId ? agentName(t.leadAgentId) : "—"}</Table.Td>
                  <Table.Td>{STRATEGY_LABEL[t.strategy]}</Table.Td>
                  <Table.Td maw={280}>
                    <Text size="sm" lineClamp={2} title={t.memberIds.map(agentName).join(", ")}>
                      {t.memberIds.length === 0
                        ? "No members"
                        : `${t.memberIds.length}: ${t.memberIds.map(agentName).join(", ")}`}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {t.categories.length === 0
                        ? "—"
                        : t.categories.map((c) => (
                            <Badge key={c} size="xs" variant="default">
                              {c}
                            </Badge>
                          ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {t.can.update && (
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(t)}>
                        Edit <VisuallyHidden>{t.name}</VisuallyHidden>
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <TeamDialog
        key={editing === null ? "closed" : editing === "new" ? "new" : editing.id}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        team={editing === null || editing === "new" ? undefined : editing}
      />
    </Stack>
  );
}
