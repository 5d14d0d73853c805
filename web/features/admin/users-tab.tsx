import { Badge, Group, Select, Skeleton, Stack, Switch, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { AgentAvailability, AgentRole } from "../../../common/enums.js";
import { errorMessage, patch } from "../../lib/api.js";
import { formatDateTime, relativeTime } from "../../lib/format.js";
import { useAgents } from "../../lib/lookups.js";
import { useMe } from "../../lib/session.js";
import type { Agent } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { AGENT_ROLE_LABEL, AVAILABILITY_LABEL, options } from "./admin-labels.js";
import { NewAgentButton } from "./new-agent-dialog.js";

type AgentChange = { role?: AgentRole; active?: boolean; availability?: AgentAvailability };

/** Changes one agent; the list refreshes and the admin hears what happened (or why not). */
function useUpdateAgent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ agent, change }: { agent: Agent; change: AgentChange }) =>
      patch<Agent>(`/api/v1/agents/${agent.id}`, change),
    onSuccess: (a, { change }) => {
      client.invalidateQueries({ queryKey: ["agents"] });
      const who = a.name || a.email;
      const message =
        change.role !== undefined
          ? `${who} is now ${AGENT_ROLE_LABEL[a.role].toLowerCase()}.`
          : change.active !== undefined
            ? `${who} is ${a.active ? "active again" : "deactivated"}.`
            : `${who} is ${AVAILABILITY_LABEL[a.availability].toLowerCase()}.`;
      notifications.show({ color: "teal", message });
    },
    onError: (err, { agent }) =>
      notifications.show({
        color: "red",
        title: `Could not change ${agent.name || agent.email}`,
        message: errorMessage(err),
      }),
  });
}

/** The agents of the workspace: role, availability and whether they may sign in. */
export function UsersTab() {
  const agents = useAgents();
  const [showInactive, setShowInactive] = useState(false);
  if (agents.isPending) return <Skeleton h={240} aria-label="Loading agents" />;
  if (agents.isError) return <ErrorAlert error={agents.error} onRetry={() => agents.refetch()} />;
  const rows = agents.data.filter((a) => showInactive || a.active);
  const inactive = agents.data.length - agents.data.filter((a) => a.active).length;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Switch
          size="sm"
          label={`Show deactivated agents (${inactive})`}
          checked={showInactive}
          onChange={(e) => setShowInactive(e.currentTarget.checked)}
        />
        <NewAgentButton />
      </Group>
      <Table.ScrollContainer minWidth={760} type="native">
        <Table verticalSpacing={4} fz="sm" highlightOnHover aria-label="Agents">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Availability</Table.Th>
              <Table.Th>Active</Table.Th>
              <Table.Th>Added</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <AgentRow key={a.id} agent={a} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No agents to show. Add one with “New agent”.
        </Text>
      )}
    </Stack>
  );
}

function AgentRow({ agent }: { agent: Agent }) {
  const me = useMe();
  const update = useUpdateAgent();
  const who = agent.name || agent.email;
  const roles = options(AGENT_ROLE_LABEL).filter(
    (o) => o.value !== "superadmin" || me.user.role === "superadmin" || agent.role === "superadmin",
  );
  const change = (c: AgentChange) => update.mutate({ agent, change: c });
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600}>
            {who}
          </Text>
          {agent.id === me.user.id && (
            <Badge size="xs" variant="default">
              you
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{agent.email}</Table.Td>
      <Table.Td>
        <Select
          size="xs"
          w={130}
          aria-label={`Role of ${who}`}
          data={roles}
          value={agent.role}
          allowDeselect={false}
          disabled={!agent.can.changeRole || update.isPending}
          onChange={(v) => v && v !== agent.role && change({ role: v as AgentRole })}
        />
      </Table.Td>
      <Table.Td>
        <Select
          size="xs"
          w={140}
          aria-label={`Availability of ${who}`}
          data={options(AVAILABILITY_LABEL).filter(
            (o) => o.value !== "out_of_office" || agent.availability === o.value,
          )}
          value={agent.availability}
          allowDeselect={false}
          disabled={!agent.can.update || update.isPending}
          onChange={(v) => v && v !== agent.availability && change({ availability: v as AgentAvailability })}
        />
      </Table.Td>
      <Table.Td>
        <Switch
          size="sm"
          aria-label={`${who} is active`}
          checked={agent.active}
          disabled={!agent.can.deactivate || update.isPending}
          onChange={(e) => change({ active: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td title={formatDateTime(agent.createdAt)}>{relativeTime(agent.createdAt)}</Table.Td>
    </Table.Tr>
  );
}
