import { useDraggable } from "@dnd-kit/core";
import { ActionIcon, Avatar, Badge, Group, Menu, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { createContext, type KeyboardEventHandler, type ReactNode, use, useEffect, useRef } from "react";
import { ACTIVE_STATUSES, type Level, type TicketStatus } from "../../../common/enums.js";
import { allowedNextStatuses } from "../../../common/status-machine.js";
import { LEVEL_LABEL, relativeTime, STATUS_LABEL } from "../../lib/format.js";
import type { Ticket } from "../../lib/types.js";
import classes from "./board.module.css";

/** Only critical and high draw the eye; medium and low stay quiet. */
const BORDER: Record<Level, { color: string; width: number }> = {
  critical: { color: "var(--mantine-color-red-7)", width: 4 },
  high: { color: "var(--mantine-color-orange-6)", width: 4 },
  medium: { color: "light-dark(var(--mantine-color-blue-3), var(--mantine-color-blue-8))", width: 3 },
  low: { color: "var(--mantine-color-default-border)", width: 3 },
};

export function priorityBorder(level: Level) {
  return { borderLeftColor: BORDER[level].color, borderLeftWidth: BORDER[level].width };
}

/**
 * A card moved by keyboard or menu is a new element in its new column: focus
 * follows it there (to its handle), so a keyboard user is not dropped at the page's top.
 */
export interface Refocus {
  target: { id: string; status: TicketStatus } | null;
  expect(target: { id: string; status: TicketStatus }): void;
  done(): void;
}
export const RefocusContext = createContext<Refocus>({ target: null, expect: () => {}, done: () => {} });

export interface CardDragData {
  ticket: Ticket;
  laneKey: string;
}

function initials(name: string): string {
  const parts = name.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase();
}

function SlaDue({ ticket }: { ticket: Ticket }) {
  if (!(ACTIVE_STATUSES as readonly string[]).includes(ticket.status)) return null;
  const overdue = Date.parse(ticket.slaDueAt) < Date.now();
  return (
    <Text size="xs" className={overdue ? classes.overdue : classes.muted}>
      {overdue ? `SLA overdue ${relativeTime(ticket.slaDueAt)}` : `SLA due ${relativeTime(ticket.slaDueAt)}`}
    </Text>
  );
}

/** The non-drag way to move a card (touch and keyboard users): the statuses the workflow allows. */
function MoveMenu({ ticket, onMove }: { ticket: Ticket; onMove: (to: TicketStatus) => void }) {
  const allowed = allowedNextStatuses(ticket.status);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Move ${ticket.number} to…`}>
          <span aria-hidden>⋯</span>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Move to…</Menu.Label>
        {allowed.length === 0 ? (
          <Menu.Item disabled>{STATUS_LABEL[ticket.status]} is final</Menu.Item>
        ) : (
          allowed.map((s) => (
            <Menu.Item key={s} onClick={() => onMove(s)}>
              {STATUS_LABEL[s]}
            </Menu.Item>
          ))
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

interface CardProps {
  ticket: Ticket;
  laneKey: string;
  assigneeName: string | null;
  onMove: (ticket: Ticket, to: TicketStatus) => void;
}

/** What a card shows; shared by the card in its column and the one under the pointer while dragging. */
export function CardBody({
  ticket,
  assigneeName,
  leading,
  trailing,
}: {
  ticket: Ticket;
  assigneeName: string | null;
  leading?: ReactNode;
  trailing?: ReactNode;
}) {
  const extraTags = ticket.tags.length - 2;
  return (
    <>
      <Group gap={6} wrap="nowrap" justify="space-between" align="center">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          {leading}
          <Text size="xs" fw={600} className={classes.muted} style={{ whiteSpace: "nowrap" }}>
            {ticket.number}
          </Text>
          {ticket.priority === "critical" || ticket.priority === "high" ? (
            <Badge
              size="sm"
              radius="sm"
              variant={ticket.priority === "critical" ? "filled" : "outline"}
              color={ticket.priority === "critical" ? "red.9" : "orange.7"}
              className={ticket.priority === "critical" ? undefined : classes.high}
            >
              {LEVEL_LABEL[ticket.priority]}
            </Badge>
          ) : (
            <VisuallyHidden>Priority {LEVEL_LABEL[ticket.priority]}</VisuallyHidden>
          )}
        </Group>
        <Group gap={2} wrap="nowrap">
          {assigneeName && (
            <Tooltip label={`Assigned to ${assigneeName}`}>
              <Avatar size={22} radius="xl" color="indigo" role="img" aria-label={`Assigned to ${assigneeName}`}>
                {initials(assigneeName)}
              </Avatar>
            </Tooltip>
          )}
          {trailing}
        </Group>
      </Group>
      <Text size="sm" lineClamp={2} mt={2} fw={500}>
        <Link to="/tickets/$ref" params={{ ref: ticket.number }} className={classes.subject} draggable={false}>
          {ticket.subject}
        </Link>
      </Text>
      <Group gap={4} mt={4} justify="space-between" wrap="nowrap">
        <SlaDue ticket={ticket} />
        <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
          {ticket.tags.slice(0, 2).map((tag) => (
            <Badge key={tag} size="xs" variant="default" radius="sm" maw={90} tt="none">
              {tag}
            </Badge>
          ))}
          {extraTags > 0 && (
            <Text size="xs" className={classes.muted}>
              +{extraTags}
              <VisuallyHidden> more tags</VisuallyHidden>
            </Text>
          )}
        </Group>
      </Group>
    </>
  );
}

/**
 * A ticket on the board. The whole card follows the pointer; keyboard users
 * pick it up by its handle (Space, arrows, Space) or use the "Move to…" menu.
 */
export function BoardCard({ ticket, laneKey, assigneeName, onMove }: CardProps) {
  const movable = ticket.can.status === true;
  const handleRef = useRef<HTMLButtonElement | null>(null);
  const refocus = use(RefocusContext);
  const focusHere = refocus.target?.id === ticket.id && refocus.target.status === ticket.status;
  useEffect(() => {
    if (!focusHere) return;
    handleRef.current?.focus();
    refocus.done();
  }, [focusHere, refocus]);
  const { setNodeRef, setActivatorNodeRef, listeners, attributes, isDragging } = useDraggable({
    id: `${laneKey}::${ticket.id}`,
    data: { ticket, laneKey } satisfies CardDragData,
    disabled: !movable,
  });
  const { onKeyDown, ...pointerListeners } = listeners ?? {};
  const handle = movable ? (
    <ActionIcon
      ref={(el) => {
        setActivatorNodeRef(el);
        handleRef.current = el;
      }}
      variant="subtle"
      color="gray"
      size="sm"
      className={classes.handle}
      {...attributes}
      onKeyDown={onKeyDown as KeyboardEventHandler | undefined}
      aria-label={`Drag ${ticket.number}`}
      aria-roledescription="draggable card"
    >
      <span aria-hidden>⠿</span>
    </ActionIcon>
  ) : null;
  return (
    <li
      ref={setNodeRef}
      className={classes.card}
      data-dragging={isDragging}
      data-ticket={ticket.number}
      style={priorityBorder(ticket.priority)}
      {...pointerListeners}
    >
      <CardBody
        ticket={ticket}
        assigneeName={assigneeName}
        leading={handle}
        trailing={
          movable && (
            <MoveMenu
              ticket={ticket}
              onMove={(to) => {
                refocus.expect({ id: ticket.id, status: to });
                onMove(ticket, to);
              }}
            />
          )
        }
      />
    </li>
  );
}
