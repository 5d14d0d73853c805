import { Badge } from "@mantine/core";
import type { Level, TicketStatus } from "../../common/enums.js";
import { LEVEL_COLOR, LEVEL_LABEL, STATUS_COLOR, STATUS_LABEL } from "../lib/format.js";

// Light badge variants put mid-tone text on a tinted background (about 3:1, below WCAG AA):
// badges here are a coloured dot beside normal text, and critical a dark red fill (5.6:1).

export function StatusBadge({ status }: { status: TicketStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="dot" size="sm" radius="sm">
      {STATUS_LABEL[status]}
    </Badge>
  );
}

export function PriorityBadge({ level, label }: { level: Level; label?: string }) {
  const critical = level === "critical";
  return (
    <Badge color={critical ? "red.9" : LEVEL_COLOR[level]} variant={critical ? "filled" : "dot"} size="sm" radius="sm">
      {label ? `${label}: ` : ""}
      {LEVEL_LABEL[level]}
    </Badge>
  );
}
