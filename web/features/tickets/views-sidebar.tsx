import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  NavLink,
  type NavLinkProps,
  Select,
  Skeleton,
  Stack,
  Text,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { createLink } from "@tanstack/react-router";
import type { ComponentPropsWithoutRef } from "react";
import { useState } from "react";
import type { ViewListItemView } from "../../../common/api/views.js";
import { get } from "../../lib/api.js";
import type { Page } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { EditViewDialog } from "./view-dialogs.js";

type NavLinkAnchorProps = Omit<NavLinkProps, "component"> & ComponentPropsWithoutRef<"a">;
/** Mantine's NavLink as a router link: real hrefs (open in a new tab, copy the link), typed search params. */
const RouterNavLink = createLink((props: NavLinkAnchorProps) => <NavLink component="a" {...props} />);

/** What runs when the address names no query. */
export const DEFAULT_QUERY = "status: active";

/** Always there, no counting: the queues every agent reaches for. */
export const QUICK_FILTERS = [
  { label: "Active", q: DEFAULT_QUERY },
  { label: "Mine", q: "assignee: me status: active" },
  { label: "Unassigned", q: "is: unassigned status: active" },
  { label: "Overdue", q: "is: breached" },
  { label: "All tickets", q: "sort by: updated desc" },
] as const;

export interface Pick {
  q: string;
  view?: string;
}

/** The caller's views with live counts (the "views" key is refreshed on every ticket change). */
export function useViews() {
  return useQuery({
    queryKey: ["views", "list"],
    queryFn: () => get<Page<ViewListItemView>>("/api/v1/views"),
    select: (p) => p.items,
  });
}

function countLabel(v: ViewListItemView): string {
  if (v.count === null) return "!";
  return v.capped ? `${v.count}+` : String(v.count);
}

function ViewCount({ view }: { view: ViewListItemView }) {
  if (view.error) {
    return (
      <Tooltip label={view.error} multiline w={260}>
        <Badge size="sm" color="red" variant="light">
          !<VisuallyHidden> (the query no longer works: {view.error})</VisuallyHidden>
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Badge size="sm" variant="light" color="gray">
      {countLabel(view)}
      <VisuallyHidden> tickets</VisuallyHidden>
    </Badge>
  );
}

interface Props {
  q: string;
  viewId: string | undefined;
  onPick(pick: Pick): void;
  onSave(): void;
  onDeleted(id: string): void;
}

/** Quick filters and saved views, each a link-like entry that puts its query in the bar. */
export function ViewsSidebar({ q, viewId, onSave, onDeleted }: Omit<Props, "onPick">) {
  const views = useViews();
  const [editing, setEditing] = useState<{ view: ViewListItemView; mode: "rename" | "delete" } | null>(null);
  return (
    <Stack gap={2} component="nav" aria-label="Views">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs">
        Queues
      </Text>
      {QUICK_FILTERS.map((f) => (
        <RouterNavLink
          key={f.label}
          to="/tickets"
          search={{ q: f.q }}
          label={f.label}
          active={!viewId && q === f.q}
          py={4}
          aria-current={!viewId && q === f.q ? "page" : undefined}
        />
      ))}
      <Group justify="space-between" px="xs" mt="sm">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          Saved views
        </Text>
      </Group>
      {views.isPending && <Skeleton h={60} role="status" aria-label="Loading views" />}
      {views.error && <ErrorAlert error={views.error} title="Views did not load" onRetry={() => views.refetch()} />}
      {views.data?.length === 0 && (
        <Text size="xs" c="dimmed" px="xs">
          No saved views yet. Type a query, then save it here.
        </Text>
      )}
      {views.data?.map((v) => (
        <Group key={v.id} gap={0} wrap="nowrap">
          <RouterNavLink
            label={v.name}
            description={v.visibility === "personal" ? undefined : v.visibility === "team" ? "Team" : "Everyone"}
            active={viewId === v.id}
            aria-current={viewId === v.id ? "page" : undefined}
            to="/tickets"
            search={{ q: v.query || undefined, view: v.id }}
            rightSection={<ViewCount view={v} />}
            py={4}
            style={{ flex: 1, minWidth: 0 }}
          />
          {(v.can.update || v.can.delete) && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`Actions for view ${v.name}`}>
                  <span aria-hidden>⋯</span>
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {v.can.update && <Menu.Item onClick={() => setEditing({ view: v, mode: "rename" })}>Rename</Menu.Item>}
                {v.can.delete && (
                  <Menu.Item color="red" onClick={() => setEditing({ view: v, mode: "delete" })}>
                    Delete
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      ))}
      <Button
        size="xs"
        variant="light"
        mt="xs"
        onClick={onSave}
        h="auto"
        py={6}
        styles={{ label: { whiteSpace: "normal", textAlign: "center" } }}
      >
        Save current query as view
      </Button>
      <EditViewDialog
        view={editing?.view ?? null}
        mode={editing?.mode ?? "rename"}
        onClose={() => setEditing(null)}
        onDeleted={onDeleted}
      />
    </Stack>
  );
}

/** Narrow screens: the same choices as one select above the table, and the save button beside it. */
export function ViewsSelect({ q, viewId, onPick, onSave }: Omit<Props, "onDeleted">) {
  const views = useViews();
  const quick = QUICK_FILTERS.map((f) => ({ value: `q:${f.label}`, label: f.label }));
  const saved = (views.data ?? []).map((v) => ({ value: `view:${v.id}`, label: `${v.name} (${countLabel(v)})` }));
  const filter = QUICK_FILTERS.find((f) => f.q === q);
  const current = viewId ? `view:${viewId}` : filter ? `q:${filter.label}` : null;
  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        size="xs"
        aria-label="View"
        placeholder="Custom query"
        style={{ flex: 1, minWidth: 0 }}
        data={[
          { group: "Queues", items: quick },
          { group: "Saved views", items: saved },
        ]}
        value={current}
        onChange={(value) => {
          if (!value) return;
          const view = views.data?.find((v) => `view:${v.id}` === value);
          const filter = QUICK_FILTERS.find((f) => `q:${f.label}` === value);
          if (view) onPick({ q: view.query, view: view.id });
          else if (filter) onPick({ q: filter.q });
        }}
        allowDeselect={false}
      />
      <Button size="xs" variant="light" onClick={onSave}>
        Save view
      </Button>
    </Group>
  );
}
