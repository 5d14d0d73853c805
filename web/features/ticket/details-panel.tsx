import { Anchor, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { LEVELS, type Level } from "../../../common/enums.js";
import { allowedNextStatuses } from "../../../common/status-machine.js";
import { patch, post } from "../../lib/api.js";
import { LEVEL_LABEL, STATUS_LABEL } from "../../lib/format.js";
import { useAgents, useCompanies, useTeams } from "../../lib/lookups.js";
import type { Ticket } from "../../lib/types.js";
import { PriorityBadge } from "../../ui/badges.js";
import { CommitText, DueDateField, TagsField } from "./fields.js";
import { ticketPath, useTicketChange } from "./use-ticket-data.js";

const NONE = "__none__";
const LEVEL_DATA = LEVELS.map((l) => ({ value: l, label: LEVEL_LABEL[l] }));
const TYPES = ["question", "incident", "problem", "task"];

interface DetailsProps {
  ticket: Ticket;
  ticketRef: string;
  requesterName: string;
}

/** Status, priority inputs, classification, routing and dates; each change saves at once. */
export function DetailsPanel({ ticket, ticketRef, requesterName }: DetailsProps) {
  const change = useTicketChange(ticketRef);
  const { data: agents = [] } = useAgents();
  const { data: teams = [] } = useTeams();
  const { data: companies = [] } = useCompanies();
  const path = ticketPath(ticketRef);
  const canUpdate = ticket.can.update !== false;
  // Every field edit names the version it was made on: a stale one is refused (409 ticket.stale) and reloaded.
  const update = (what: string, body: Record<string, unknown>) =>
    change(what, () => patch<Ticket>(path, { ...body, expectedVersion: ticket.version }));

  const next = allowedNextStatuses(ticket.status);
  const statusData = [ticket.status, ...next].map((s) => ({ value: s, label: STATUS_LABEL[s] }));
  const agentData = [
    { value: NONE, label: "Unassigned" },
    ...agents
      .filter((a) => a.active || a.id === ticket.assigneeId)
      .map((a) => ({ value: a.id, label: a.name || a.email })),
  ];
  const teamData = [{ value: NONE, label: "No team" }, ...teams.map((t) => ({ value: t.id, label: t.name }))];
  const companyData = [{ value: NONE, label: "No company" }, ...companies.map((c) => ({ value: c.id, label: c.name }))];
  const orNull = (v: string | null) => (v === null || v === NONE ? null : v);

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="ticket-details-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5" id="ticket-details-title">
          Details
        </Title>
        <PriorityBadge level={ticket.priority} label="Priority" />
      </Group>
      <Stack gap="xs">
        <Select
          label="Status"
          size="xs"
          data={statusData}
          value={ticket.status}
          allowDeselect={false}
          disabled={ticket.can.status === false || next.length === 0}
          description={next.length === 0 ? "Final: no further status" : undefined}
          onChange={(s) => {
            if (s && s !== ticket.status) void change("status", () => post<Ticket>(`${path}/status`, { status: s }));
          }}
        />
        <SimpleGrid cols={2} spacing="xs">
          <Select
            label="Urgency"
            size="xs"
            data={LEVEL_DATA}
            value={ticket.urgency}
            allowDeselect={false}
            disabled={!canUpdate}
            onChange={(v) => v && v !== ticket.urgency && void update("urgency", { urgency: v as Level })}
          />
          <Select
            label="Importance"
            size="xs"
            data={LEVEL_DATA}
            value={ticket.importance}
            allowDeselect={false}
            disabled={!canUpdate}
            onChange={(v) => v && v !== ticket.importance && void update("importance", { importance: v as Level })}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 1, xl: 2 }} spacing="xs">
          <Select
            label="Assignee"
            size="xs"
            searchable
            data={agentData}
            value={ticket.assigneeId ?? NONE}
            allowDeselect={false}
            disabled={ticket.can.assign === false}
            onChange={(v) => {
              const assignee = orNull(v);
              if (assignee !== ticket.assigneeId) {
                void change("the assignee", () => post<Ticket>(`${path}/assign`, { assignee }));
              }
            }}
          />
          <Select
            label="Team"
            size="xs"
            searchable
            data={teamData}
            value={ticket.teamId ?? NONE}
            allowDeselect={false}
            disabled={!canUpdate}
            onChange={(v) => orNull(v) !== ticket.teamId && void update("the team", { team: orNull(v) })}
          />
          <CommitText
            label="Category"
            value={ticket.category ?? ""}
            placeholder="None"
            disabled={!canUpdate}
            onCommit={(v) => update("the category", { category: v || null })}
          />
          <CommitText
            label="Type"
            value={ticket.type}
            data={TYPES}
            disabled={!canUpdate}
            onCommit={(v) => update("the type", { type: v || "question" })}
          />
          <Select
            label="Company"
            size="xs"
            searchable
            data={companyData}
            value={ticket.companyId ?? NONE}
            allowDeselect={false}
            disabled={!canUpdate}
            onChange={(v) => orNull(v) !== ticket.companyId && void update("the company", { company: orNull(v) })}
          />
          <DueDateField
            value={ticket.dueAt}
            disabled={!canUpdate}
            onChange={(iso) => update("the due date", { dueAt: iso })}
          />
        </SimpleGrid>
        <TagsField
          value={ticket.tags}
          disabled={!canUpdate}
          // Adding and removing commute, so tags skip the version check (quick successive edits all land).
          onChange={(add, remove) =>
            change("the tags", () =>
              post<Ticket>(`${path}/tags`, {
                ...(add.length ? { addTags: add } : {}),
                ...(remove.length ? { removeTags: remove } : {}),
              }),
            )
          }
        />
        <Text size="xs">
          Requester:{" "}
          {ticket.requesterId ? (
            <Anchor
              size="xs"
              renderRoot={(props) => <Link to="/customers/$id" params={{ id: ticket.requesterId ?? "" }} {...props} />}
            >
              {requesterName}
            </Anchor>
          ) : (
            "none"
          )}
        </Text>
      </Stack>
    </Paper>
  );
}
