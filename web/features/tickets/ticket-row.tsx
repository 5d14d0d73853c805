import { Badge, Checkbox, Group, Table, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { memo } from "react";
import { ACTIVE_STATUSES } from "../../../common/enums.js";
import { formatDateTime, LEVEL_LABEL, relativeTime } from "../../lib/format.js";
import type { Ticket } from "../../lib/types.js";
import { PriorityBadge, StatusBadge } from "../../ui/badges.js";
import { type Column, ROW_HEIGHT } from "./columns.js";

export interface RowNames {
  agent(id: string | null): string;
  team(id: string | null): string;
  company(id: string | null): string;
}

interface Props {
  ticket: Ticket;
  index: number;
  columns: Column[];
  selected: boolean;
  isCursor: boolean;
  names: RowNames;
  now: number;
  dark: boolean;
  onToggle(id: string, range: boolean): void;
  onOpen(ticket: Ticket, index: number): void;
}

const MAX_TAGS = 3;

function SlaCell({ ticket, now, dark }: { ticket: Ticket; now: number; dark: boolean }) {
  if (!(ACTIVE_STATUSES as readonly string[]).includes(ticket.status)) {
    return (
      <Text size="xs" c="dimmed">
        —<VisuallyHidden> no SLA clock (not active)</VisuallyHidden>
      </Text>
    );
  }
  const overdue = Date.parse(ticket.slaDueAt) < now;
  return (
    <Text
      size="xs"
      fw={overdue ? 700 : undefined}
      // Strong enough red for AA on both the light and the dark background.
      c={overdue ? (dark ? "red.4" : "red.8") : undefined}
      title={formatDateTime(ticket.slaDueAt)}
    >
      {overdue && <VisuallyHidden>Overdue: </VisuallyHidden>}
      {relativeTime(ticket.slaDueAt, now)}
    </Text>
  );
}

function Cell({
  column,
  ticket,
  names,
  now,
  dark,
}: { column: Column } & Omit<Props, "columns" | "index" | "selected" | "isCursor" | "onToggle" | "onOpen">) {
  switch (column.id) {
    case "number":
      return (
        <Text size="xs" ff="monospace">
          {ticket.number}
        </Text>
      );
    case "subject":
      return (
        <Group gap={4} wrap="nowrap" style={{ overflow: "hidden" }}>
          <Link
            to="/tickets/$ref"
            params={{ ref: ticket.number }}
            className="ticket-list-subject"
            data-ticket-link
            style={{
              color: "inherit",
              textDecoration: "none",
              overflow: "hidden",
              textOverflow: "ellipsis",
              whiteSpace: "nowrap",
              minWidth: 0,
            }}
          >
            <Text span size="sm" fw={500}>
              {ticket.subject}
            </Text>
          </Link>
          {ticket.tags.slice(0, MAX_TAGS).map((tag) => (
            <Badge key={tag} size="xs" variant="outline" color="gray" radius="sm" style={{ flexShrink: 0 }}>
              #{tag}
            </Badge>
          ))}
          {ticket.tags.length > MAX_TAGS && (
            <Text size="xs" c="dimmed" title={ticket.tags.slice(MAX_TAGS).join(", ")}>
              +{ticket.tags.length - MAX_TAGS}
            </Text>
          )}
        </Group>
      );
    case "status":
      return <StatusBadge status={ticket.status} />;
    case "priority":
      return (
        <Tooltip label={`Urgency ${LEVEL_LABEL[ticket.urgency]} × importance ${LEVEL_LABEL[ticket.importance]}`}>
          <span>
            <PriorityBadge level={ticket.priority} />
            <VisuallyHidden>
              (urgency {LEVEL_LABEL[ticket.urgency]}, importance {LEVEL_LABEL[ticket.importance]})
            </VisuallyHidden>
          </span>
        </Tooltip>
      );
    case "assignee":
      return (
        <Text size="xs" truncate c={ticket.assigneeId ? undefined : "dimmed"}>
          {names.agent(ticket.assigneeId)}
        </Text>
      );
    case "team":
      return (
        <Text size="xs" truncate c={ticket.teamId ? undefined : "dimmed"}>
          {names.team(ticket.teamId)}
        </Text>
      );
    case "company":
      return (
        <Text size="xs" truncate c={ticket.companyId ? undefined : "dimmed"}>
          {names.company(ticket.companyId)}
        </Text>
      );
    case "sla":
      return <SlaCell ticket={ticket} now={now} dark={dark} />;
    case "updated":
      return (
        <Text size="xs" title={formatDateTime(ticket.updatedAt)}>
          {relativeTime(ticket.updatedAt, now)}
        </Text>
      );
    default:
      return null;
  }
}

/** One dense row; a click anywhere but the checkbox opens the ticket. */
export const TicketRow = memo(function TicketRow(props: Props) {
  const { ticket, index, columns, selected, isCursor, onToggle, onOpen } = props;
  return (
    <Table.Tr
      data-index={index}
      data-cursor={isCursor || undefined}
      aria-rowindex={index + 2}
      bg={selected ? "var(--mantine-primary-color-light)" : undefined}
      style={{
        height: ROW_HEIGHT,
        cursor: "pointer",
        // The keyboard cursor: a ring that reads in both colour schemes, whatever has focus.
        outline: isCursor ? "2px solid var(--mantine-primary-color-filled)" : undefined,
        outlineOffset: -2,
      }}
      onClick={(e) => {
        const target = e.target as HTMLElement;
        if (target.closest("a, input, button, label")) return;
        onOpen(ticket, index);
      }}
    >
      {columns.map((column) =>
        column.id === "select" ? (
          <Table.Td key={column.id}>
            <Checkbox
              size="xs"
              aria-label={`Select ${ticket.number}`}
              checked={selected}
              onChange={(e) => {
                const native = e.nativeEvent;
                onToggle(ticket.id, "shiftKey" in native && native.shiftKey === true);
              }}
            />
          </Table.Td>
        ) : (
          <Table.Td key={column.id} style={{ overflow: "hidden", whiteSpace: "nowrap" }}>
            <Cell column={column} {...props} />
          </Table.Td>
        ),
      )}
    </Table.Tr>
  );
});
