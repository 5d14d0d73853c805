import { Button, Group, Select, Switch, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { LANE_MODE_LABEL, LANE_MODES, type LaneMode } from "./board-model.js";

interface ToolbarProps {
  filter: string;
  onFilter: (q: string) => void;
  lanes: LaneMode;
  onLanes: (mode: LaneMode) => void;
  showClosed: boolean;
  onShowClosed: (show: boolean) => void;
}

const LANE_OPTIONS = LANE_MODES.map((m) => ({ value: m, label: LANE_MODE_LABEL[m] }));

/** The board's filter (the query language), its swimlanes and whether final statuses show. */
export function BoardToolbar({ filter, onFilter, lanes, onLanes, showClosed, onShowClosed }: ToolbarProps) {
  const [text, setText] = useState(filter);
  // The address is the truth: back/forward or a link changes the filter shown.
  useEffect(() => setText(filter), [filter]);
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <form
        style={{ flex: "1 1 240px", minWidth: 0 }}
        onSubmit={(e) => {
          e.preventDefault();
          onFilter(text.trim());
        }}
      >
        <Group gap={4} align="flex-end" wrap="nowrap">
          <TextInput
            size="xs"
            label="Filter"
            placeholder="e.g. assignee: me #vip"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 0 }}
          />
          <Button size="xs" type="submit" variant="default">
            Apply
          </Button>
          {filter !== "" && (
            <Button
              size="xs"
              variant="subtle"
              onClick={() => {
                setText("");
                onFilter("");
              }}
            >
              Clear
            </Button>
          )}
        </Group>
      </form>
      <Select
        size="xs"
        label="Swimlanes"
        data={LANE_OPTIONS}
        value={lanes}
        onChange={(v) => onLanes((v as LaneMode | null) ?? "none")}
        allowDeselect={false}
        w={150}
      />
      <Switch
        size="sm"
        label="Show closed"
        checked={showClosed}
        onChange={(e) => onShowClosed(e.currentTarget.checked)}
        mb={4}
      />
    </Group>
  );
}
