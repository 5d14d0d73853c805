import { Badge } from "@mantine/core";
import type { Level, TicketStatus } from "../../common/enums.js";
import { LEVEL_COLOR, LEVEL_LABEL, STATUS_COLOR, STATUS_LABEL } from "../lib/format.js";

export function StatusBadge({ status }: { status: TicketStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" size="sm" radius="sm">
      {STATUS_LABEL[status]}
    </Badge>
  );
}

export function PriorityBadge({ level, label }: { level: Level; label?: string }) {
  return (
    <Badge color={LEVEL_COLOR[level]} variant={level === "critical" ? "filled" : "light"} size="sm" radius="sm">
      {label ? `${label}: ` : ""}
      {LEVEL_LABEL[level]}
    </Badge>
  );
}
