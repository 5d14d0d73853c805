import { ActionIcon, Button, Group, NumberInput, Popover, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconSettings } from "@tabler/icons-react";
import { useState } from "react";
import type { TicketStatus } from "../../../common/enums.js";
import { errorMessage } from "../../lib/api.js";
import { STATUS_LABEL } from "../../lib/format.js";
import classes from "./board.module.css";
import { useSaveWipLimit } from "./board-data.js";
import { type WipState, wipState } from "./board-model.js";

/** Managers of the workspace settings set a column's limit here; empty means no limit. */
function WipLimitEditor({ status, limit }: { status: TicketStatus; limit: number | null }) {
  const [opened, { close, toggle }] = useDisclosure(false);
  const [value, setValue] = useState<number | string>(limit ?? "");
  const save = useSaveWipLimit();
  const label = STATUS_LABEL[status];
  const submit = (next: number | null) =>
    save.mutate(
      { status, limit: next },
      {
        onSuccess: () => {
          close();
          notifications.show({
            color: "teal",
            message: next === null ? `${label}: no WIP limit.` : `${label}: WIP limit ${next}.`,
          });
        },
      },
    );
  const parsed = typeof value === "number" ? value : null;
  return (
    <Popover
      opened={opened}
      onChange={(o) => (o ? setValue(limit ?? "") : close())}
      position="bottom-end"
      withArrow
      trapFocus
      returnFocus
    >
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={`Set WIP limit for ${label}`}
          onClick={() => {
            setValue(limit ?? "");
            toggle();
          }}
        >
          <IconSettings size={14} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit(parsed);
          }}
        >
          <Stack gap="xs" w={200}>
            <NumberInput
              size="xs"
              label={`WIP limit for ${label}`}
              description="Empty: no limit"
              min={1}
              max={10_000}
              allowDecimal={false}
              allowNegative={false}
              value={value}
              onChange={setValue}
              data-autofocus
            />
            {save.error && (
              <Text size="xs" c="red.8" role="alert">
                {errorMessage(save.error)}
              </Text>
            )}
            <Group gap="xs" justify="flex-end">
              {limit !== null && (
                <Button size="xs" variant="subtle" color="gray" onClick={() => submit(null)} loading={save.isPending}>
                  Remove limit
                </Button>
              )}
              <Button size="xs" type="submit" loading={save.isPending}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

function WipText({ wip }: { wip: WipState }) {
  if (wip.level === "over") return <Text size="xs" className={classes.wipOver}>{`Over WIP limit by ${wip.over}`}</Text>;
  if (wip.level === "at")
    return (
      <Text size="xs" className={classes.wipAt}>
        {"⚠ At WIP limit"}
      </Text>
    );
  return null;
}

interface ColumnHeaderProps {
  status: TicketStatus;
  count: number;
  limit: number | undefined;
  canEdit: boolean;
  /** While a card is dragged: "refused" dims the columns it cannot go to. */
  drop: "allowed" | "refused" | undefined;
}

/** A column's name, how many cards it holds, and its WIP limit ("7 / 5", with the excess in words). */
export function ColumnHeader({ status, count, limit, canEdit, drop }: ColumnHeaderProps) {
  const wip = wipState(count, limit);
  return (
    <div className={classes.columnHeader} data-wip={wip.level} data-drop={drop} data-status={status}>
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <Title order={2} size="h6">
            {STATUS_LABEL[status]}
          </Title>
          <Text
            size="xs"
            fw={600}
            className={wip.level === "over" ? classes.wipOver : wip.level === "at" ? classes.wipAt : classes.muted}
            aria-hidden
          >
            {wip.limit === null ? count : `${count} / ${wip.limit}`}
          </Text>
          <VisuallyHidden>
            {wip.limit === null ? `${count} tickets` : `${count} tickets, WIP limit ${wip.limit}`}
          </VisuallyHidden>
        </Group>
        {canEdit && <WipLimitEditor status={status} limit={wip.limit} />}
      </Group>
      <WipText wip={wip} />
    </div>
  );
}
