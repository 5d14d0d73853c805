import { ActionIcon, Anchor, Button, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import { Link, useCanGoBack, useRouter } from "@tanstack/react-router";
import { useState } from "react";
import { patch } from "../../lib/api.js";
import { formatDateTime, relativeTime } from "../../lib/format.js";
import type { Ticket } from "../../lib/types.js";
import { PriorityBadge, StatusBadge } from "../../ui/badges.js";
import { ticketPath, useTicketChange } from "./use-ticket-data.js";

/** "Back to list": history back keeps the list's filters and scroll; a direct visit goes to the queue. */
function BackLink() {
  const router = useRouter();
  const canGoBack = useCanGoBack();
  return (
    <Anchor
      component={Link}
      to="/tickets"
      size="xs"
      onClick={(e) => {
        if (!canGoBack || e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        router.history.back();
      }}
    >
      ← Back to list
    </Anchor>
  );
}

function SubjectEditor({ ticket, ticketRef, onDone }: { ticket: Ticket; ticketRef: string; onDone(): void }) {
  const change = useTicketChange(ticketRef);
  const [value, setValue] = useState(ticket.subject);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (value.trim() === "" || value.trim() === ticket.subject) return onDone();
    setSaving(true);
    const ok = await change("the subject", () =>
      patch<Ticket>(ticketPath(ticketRef), { subject: value.trim(), expectedVersion: ticket.version }),
    );
    setSaving(false);
    if (ok) onDone();
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput
          label="Subject"
          size="sm"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          onKeyDown={(e) => e.key === "Escape" && onDone()}
          style={{ flex: 1 }}
          autoFocus
          maxLength={500}
        />
        <Button size="sm" type="submit" loading={saving}>
          Save
        </Button>
        <Button size="sm" variant="default" onClick={onDone}>
          Cancel
        </Button>
      </Group>
    </form>
  );
}

/** Number, subject (editable by agents who may update the ticket), status, priority and where it came from. */
export function TicketHeader({
  ticket,
  ticketRef,
  requesterName,
}: {
  ticket: Ticket;
  ticketRef: string;
  requesterName: string;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap={4}>
      <BackLink />
      {editing ? (
        <SubjectEditor ticket={ticket} ticketRef={ticketRef} onDone={() => setEditing(false)} />
      ) : (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Title order={1} size="h3" style={{ overflowWrap: "anywhere" }}>
            <Text span inherit c="dimmed" mr={6}>
              {ticket.number}
            </Text>
            {ticket.subject}
          </Title>
          {ticket.can.update !== false && (
            <ActionIcon variant="subtle" size="sm" aria-label="Edit subject" onClick={() => setEditing(true)} mt={4}>
              <IconPencil size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      )}
      <Group gap="xs" wrap="wrap">
        <StatusBadge status={ticket.status} />
        <PriorityBadge level={ticket.priority} />
        <Text size="xs">
          from {requesterName} · via {ticket.channel} ·{" "}
          <time dateTime={ticket.createdAt} title={formatDateTime(ticket.createdAt)}>
            created {relativeTime(ticket.createdAt)}
          </time>
          {ticket.dueAt && <> · due {formatDateTime(ticket.dueAt)}</>}
        </Text>
      </Group>
    </Stack>
  );
}
