import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { Text, Title, UnstyledButton } from "@mantine/core";
import { useLocalStorage } from "@mantine/hooks";
import { useEffect, useMemo, useState } from "react";
import type { TicketStatus } from "../../../common/enums.js";
import { canTransition } from "../../../common/status-machine.js";
import { STATUS_LABEL } from "../../lib/format.js";
import type { Ticket } from "../../lib/types.js";
import classes from "./board.module.css";
import { BoardCard, CardBody, type CardDragData, priorityBorder, type Refocus, RefocusContext } from "./board-card.js";
import type { Lane, LaneMode, WipLimits } from "./board-model.js";
import { ColumnHeader } from "./column-header.js";
import { boardCollisions, type CellDropData, columnJumps } from "./keyboard-moves.js";

type Drop = "allowed" | "refused" | "over" | "refused-over" | undefined;

/** How a column looks while a card is dragged: open to it, closed to it, or the one under the card. */
function dropState(dragging: CardDragData | null, laneKey: string | null, status: TicketStatus, isOver: boolean): Drop {
  if (!dragging) return undefined;
  if (laneKey !== null && laneKey !== dragging.laneKey) return "refused";
  if (status === dragging.ticket.status) return undefined;
  const allowed = canTransition(dragging.ticket.status, status);
  if (isOver) return allowed ? "over" : "refused-over";
  return allowed ? "allowed" : "refused";
}

interface CellProps {
  lane: Lane;
  showLaneName: boolean;
  status: TicketStatus;
  tickets: Ticket[];
  dragging: CardDragData | null;
  agentName: (id: string | null) => string | null;
  onMove: (ticket: Ticket, to: TicketStatus) => void;
}

function ColumnCell({ lane, showLaneName, status, tickets, dragging, agentName, onMove }: CellProps) {
  const { setNodeRef, isOver } = useDroppable({
    id: `${lane.key}::${status}`,
    data: { laneKey: lane.key, status } satisfies CellDropData,
    // A drag changes the status only: other lanes are not places to drop.
    disabled: dragging !== null && dragging.laneKey !== lane.key,
  });
  return (
    <ul
      ref={setNodeRef}
      className={classes.cell}
      data-drop={dropState(dragging, lane.key, status, isOver)}
      data-column={status}
      aria-label={showLaneName ? `${STATUS_LABEL[status]}, ${lane.label}` : STATUS_LABEL[status]}
    >
      {tickets.map((t) => (
        <BoardCard key={t.id} ticket={t} laneKey={lane.key} assigneeName={agentName(t.assigneeId)} onMove={onMove} />
      ))}
    </ul>
  );
}

/** Collapsed lanes per grouping, remembered in this browser. */
function useCollapsedLanes(mode: LaneMode) {
  const [collapsed, setCollapsed] = useLocalStorage<string[]>({
    key: `helpline-board-collapsed:${mode}`,
    defaultValue: [],
    getInitialValueInEffect: false,
  });
  const toggle = (key: string) =>
    setCollapsed((list) => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key]));
  return { isCollapsed: (key: string) => collapsed.includes(key), toggle };
}

const announce = (data: unknown) => (data as CardDragData | undefined)?.ticket;
const columnName = (data: unknown) => {
  const status = (data as CellDropData | undefined)?.status as TicketStatus | undefined;
  return status ? STATUS_LABEL[status] : "a column";
};

const announcements: Announcements = {
  onDragStart: ({ active }) => {
    const t = announce(active.data.current);
    return t ? `Picked up ${t.number} in ${STATUS_LABEL[t.status]}.` : "Picked up a card.";
  },
  onDragOver: ({ active, over }) => {
    const t = announce(active.data.current);
    if (!t) return undefined;
    if (!over) return `${t.number} is not over a column.`;
    const to = (over.data.current as CellDropData | undefined)?.status as TicketStatus | undefined;
    const refused = to !== undefined && to !== t.status && !canTransition(t.status, to);
    return `${t.number} is over ${columnName(over.data.current)}${refused ? " (not allowed)" : ""}.`;
  },
  onDragEnd: ({ active, over }) => {
    const t = announce(active.data.current);
    return `${t?.number ?? "The card"} dropped${over ? ` on ${columnName(over.data.current)}` : ""}.`;
  },
  onDragCancel: ({ active }) => `Moving ${announce(active.data.current)?.number ?? "the card"} was cancelled.`,
};

const screenReaderInstructions = {
  draggable:
    "To move this ticket to another status, press Space or Enter, then the left and right arrow keys to go from column to column; Space or Enter drops it, Escape cancels. The Move to menu does the same without dragging.",
};

interface BoardGridProps {
  columns: readonly TicketStatus[];
  lanes: Lane[];
  mode: LaneMode;
  counts: Map<TicketStatus, number>;
  limits: WipLimits;
  canEditLimits: boolean;
  agentName: (id: string | null) => string | null;
  onMove: (ticket: Ticket, to: TicketStatus) => void;
}

/**
 * Columns by status, one row per swimlane, in one scrolling area (both ways):
 * column headers stick to the top, lane names to the left.
 */
export function BoardGrid({ columns, lanes, mode, counts, limits, canEditLimits, agentName, onMove }: BoardGridProps) {
  const [dragging, setDragging] = useState<CardDragData | null>(null);
  const [refocusTarget, setRefocusTarget] = useState<Refocus["target"]>(null);
  const refocus = useMemo<Refocus>(
    () => ({ target: refocusTarget, expect: setRefocusTarget, done: () => setRefocusTarget(null) }),
    [refocusTarget],
  );
  // A refused move never lands: forget the focus target rather than steal focus later.
  useEffect(() => {
    if (!refocusTarget) return;
    const timer = setTimeout(() => setRefocusTarget(null), 5_000);
    return () => clearTimeout(timer);
  }, [refocusTarget]);
  const { isCollapsed, toggle } = useCollapsedLanes(mode);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // Touch: press and hold to lift, so a swipe still scrolls the board.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnJumps }),
  );
  const onDragStart = ({ active }: DragStartEvent) => setDragging((active.data.current as CardDragData) ?? null);
  const onDragEnd = ({ active, over, activatorEvent }: DragEndEvent) => {
    setDragging(null);
    const card = active.data.current as CardDragData | undefined;
    const cell = over?.data.current as CellDropData | undefined;
    if (!card || !cell || cell.laneKey !== card.laneKey || cell.status === card.ticket.status) return;
    const to = cell.status as TicketStatus;
    if (activatorEvent instanceof KeyboardEvent) setRefocusTarget({ id: card.ticket.id, status: to });
    onMove(card.ticket, to);
  };
  const grouped = mode !== "none";
  return (
    <RefocusContext value={refocus}>
      <DndContext
        sensors={sensors}
        collisionDetection={boardCollisions}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
        accessibility={{ announcements, screenReaderInstructions }}
      >
        <section className={classes.board} aria-label="Board columns">
          <div className={classes.grid}>
            <div className={classes.headerRow}>
              {columns.map((status) => (
                <ColumnHeader
                  key={status}
                  status={status}
                  count={counts.get(status) ?? 0}
                  limit={limits[status]}
                  canEdit={canEditLimits}
                  drop={(() => {
                    const d = dropState(dragging, null, status, false);
                    return d === "refused" ? "refused" : d === "allowed" ? "allowed" : undefined;
                  })()}
                />
              ))}
            </div>
            {lanes.map((lane) => {
              const collapsed = grouped && isCollapsed(lane.key);
              const bodyId = `board-lane-${mode}-${lane.key}`;
              return (
                <div key={lane.key} className={classes.lane} data-lane={lane.label}>
                  {grouped && (
                    <div className={classes.laneHeader}>
                      <Title order={2} size="h6">
                        <UnstyledButton
                          onClick={() => toggle(lane.key)}
                          aria-expanded={!collapsed}
                          aria-controls={collapsed ? undefined : bodyId}
                          fz="sm"
                          fw={600}
                        >
                          <span aria-hidden>{collapsed ? "▸ " : "▾ "}</span>
                          {lane.label}{" "}
                          <Text span size="xs" className={classes.muted} fw={500}>
                            ({lane.tickets.length} {lane.tickets.length === 1 ? "ticket" : "tickets"})
                          </Text>
                        </UnstyledButton>
                      </Title>
                    </div>
                  )}
                  {!collapsed && (
                    <div className={classes.row} id={bodyId}>
                      {columns.map((status) => (
                        <ColumnCell
                          key={status}
                          lane={lane}
                          showLaneName={grouped}
                          status={status}
                          tickets={lane.tickets.filter((t) => t.status === status)}
                          dragging={dragging}
                          agentName={agentName}
                          onMove={onMove}
                        />
                      ))}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </section>
        <DragOverlay dropAnimation={null}>
          {dragging && (
            <div className={`${classes.card} ${classes.overlay}`} style={priorityBorder(dragging.ticket.priority)}>
              <CardBody ticket={dragging.ticket} assigneeName={agentName(dragging.ticket.assigneeId)} />
            </div>
          )}
        </DragOverlay>
      </DndContext>
    </RefocusContext>
  );
}
