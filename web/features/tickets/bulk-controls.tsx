import { Button, Group, Menu, Modal, Popover, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import type { TicketStatus } from "../../../common/enums.js";
import { allowedNextStatuses } from "../../../common/status-machine.js";
import { STATUS_LABEL } from "../../lib/format.js";
import { useAgents } from "../../lib/lookups.js";
import { useMe } from "../../lib/session.js";
import type { Ticket } from "../../lib/types.js";
import type { BulkAction } from "./bulk-run.js";

interface ControlProps {
  disabled: boolean;
  onRun(action: BulkAction): void;
}

/** Assign to me, unassign, or pick an agent. */
export function AssignControl({ disabled, onRun }: ControlProps) {
  const me = useMe();
  const agents = useAgents();
  const [opened, setOpened] = useState(false);
  const [agentId, setAgentId] = useState<string | null>(null);
  const run = (action: BulkAction) => {
    setOpened(false);
    setAgentId(null);
    onRun(action);
  };
  const options = (agents.data ?? []).map((a) => ({ value: a.id, label: a.name || a.email }));
  const chosen = options.find((o) => o.value === agentId);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" trapFocus withinPortal shadow="md">
      <Popover.Target>
        <Button size="xs" variant="default" disabled={disabled} onClick={() => setOpened((o) => !o)}>
          Assign…
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" w={240}>
          <Group gap="xs" grow>
            <Button
              size="xs"
              variant="light"
              onClick={() => run({ kind: "assign", assignee: me.user.id, label: "Assigned to me" })}
            >
              Me
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => run({ kind: "assign", assignee: null, label: "Unassigned" })}
            >
              Unassign
            </Button>
          </Group>
          <Select
            size="xs"
            label="Agent"
            placeholder={agents.isPending ? "Loading agents…" : "Pick an agent"}
            data={options}
            value={agentId}
            onChange={setAgentId}
            searchable
            comboboxProps={{ withinPortal: false }}
            nothingFoundMessage="No agent by that name"
          />
          <Button
            size="xs"
            disabled={!chosen}
            onClick={() =>
              chosen && run({ kind: "assign", assignee: chosen.value, label: `Assigned to ${chosen.label}` })
            }
          >
            {chosen ? `Assign to ${chosen.label}` : "Assign"}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Statuses every selected ticket may move to (the server still has the last word). */
export function commonNextStatuses(tickets: readonly Ticket[]): TicketStatus[] {
  const [first, ...rest] = tickets;
  if (!first) return [];
  return allowedNextStatuses(first.status).filter((s) => rest.every((t) => allowedNextStatuses(t.status).includes(s)));
}

/** Pick a status (only ones allowed for all), then confirm with an optional internal note. */
export function StatusControl({ disabled, onRun, tickets }: ControlProps & { tickets: readonly Ticket[] }) {
  const [target, setTarget] = useState<TicketStatus | null>(null);
  const [note, setNote] = useState("");
  const statuses = commonNextStatuses(tickets);
  const close = () => {
    setTarget(null);
    setNote("");
  };
  return (
    <>
      <Menu position="bottom-start" withinPortal shadow="md">
        <Menu.Target>
          <Button size="xs" variant="default" disabled={disabled}>
            Status…
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {statuses.length === 0 ? (
            <Menu.Label>No status fits all {tickets.length} selected tickets</Menu.Label>
          ) : (
            <>
              <Menu.Label>Move to</Menu.Label>
              {statuses.map((s) => (
                <Menu.Item key={s} onClick={() => setTarget(s)}>
                  {STATUS_LABEL[s]}
                </Menu.Item>
              ))}
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={target !== null} onClose={close} title="Change status" size="sm">
        {target && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const action: BulkAction = {
                kind: "status",
                status: target,
                label: `Status set to ${STATUS_LABEL[target]}`,
                ...(note.trim() ? { note: note.trim() } : {}),
              };
              close();
              onRun(action);
            }}
          >
            <Stack gap="sm">
              <Text size="sm">
                Move {tickets.length} {tickets.length === 1 ? "ticket" : "tickets"} to{" "}
                <strong>{STATUS_LABEL[target]}</strong>.
              </Text>
              <Textarea
                size="xs"
                label="Internal note (optional)"
                description="Added to every ticket, visible to agents only"
                autosize
                minRows={2}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
              />
              <Group justify="flex-end" gap="xs">
                <Button size="xs" variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button size="xs" type="submit">
                  Change {tickets.length} {tickets.length === 1 ? "ticket" : "tickets"}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}

/** Add one tag to every selected ticket. */
export function TagControl({ disabled, onRun }: ControlProps) {
  const [opened, setOpened] = useState(false);
  const [tag, setTag] = useState("");
  const clean = tag.trim().replace(/^#/, "");
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" trapFocus withinPortal shadow="md">
      <Popover.Target>
        <Button size="xs" variant="default" disabled={disabled} onClick={() => setOpened((o) => !o)}>
          Add tag…
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!clean) return;
            setOpened(false);
            setTag("");
            onRun({ kind: "tag", tag: clean, label: `Tagged #${clean}` });
          }}
        >
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              size="xs"
              label="Tag"
              placeholder="e.g. vip"
              value={tag}
              onChange={(e) => setTag(e.currentTarget.value)}
              data-autofocus
            />
            <Button size="xs" type="submit" disabled={!clean}>
              Add
            </Button>
          </Group>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
