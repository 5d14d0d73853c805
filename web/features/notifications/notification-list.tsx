import { Anchor, Badge, Box, Button, Group, Paper, SegmentedControl, Skeleton, Stack, Text } from "@mantine/core";
import { notifications as toasts } from "@mantine/notifications";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { NotificationPageView, NotificationView } from "../../../common/api/notifications.js";
import { errorMessage, get, post, qs } from "../../lib/api.js";
import { formatDateTime, relativeTime } from "../../lib/format.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { RouterAnchor } from "../people/router-anchor.js";
import { kindLabel } from "./kinds.js";

function useNotificationPages(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: ["notifications", "list", unreadOnly],
    queryFn: ({ pageParam }) =>
      get<NotificationPageView>(
        `/api/v1/notifications${qs({ unread: unreadOnly ? "true" : undefined, limit: 50, cursor: pageParam ?? undefined })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => post(`/api/v1/notifications/${id}/read`),
    onSettled: () => client.invalidateQueries({ queryKey: ["notifications"] }),
    onError: (err) => toasts.show({ color: "red", title: "Could not mark it read", message: errorMessage(err) }),
  });
}

/** Your notifications, newest first: all or only unread, mark one or all read; links open the ticket. */
export function NotificationList() {
  const [filter, setFilter] = useState<"all" | "unread">("all");
  const pages = useNotificationPages(filter === "unread");
  const client = useQueryClient();
  const markAll = useMutation({
    mutationFn: () => post<{ marked: number }>("/api/v1/notifications/read-all"),
    onSuccess: (r) => toasts.show({ color: "teal", message: `${r.marked} marked read.` }),
    onError: (err) => toasts.show({ color: "red", title: "Could not mark all read", message: errorMessage(err) }),
    onSettled: () => client.invalidateQueries({ queryKey: ["notifications"] }),
  });
  const unread = pages.data?.pages[0]?.unreadCount ?? 0;
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        <SegmentedControl
          size="xs"
          aria-label="Which notifications"
          value={filter}
          onChange={(v) => setFilter(v === "unread" ? "unread" : "all")}
          data={[
            { value: "all", label: "All" },
            { value: "unread", label: `Unread (${unread})` },
          ]}
        />
        <Button
          size="xs"
          variant="default"
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all read
        </Button>
      </Group>
      <Items pages={pages} filter={filter} />
    </Stack>
  );
}

function Items({ pages, filter }: { pages: ReturnType<typeof useNotificationPages>; filter: "all" | "unread" }) {
  if (pages.isPending) return <Skeleton h={240} aria-label="Loading notifications" />;
  if (pages.isError) return <ErrorAlert error={pages.error} onRetry={() => pages.refetch()} />;
  const items = pages.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {filter === "unread"
          ? "Nothing unread. You are up to date."
          : "No notifications yet. You hear here when tickets are assigned to you, you are @mentioned, or an SLA is at risk."}
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Notifications">
        {items.map((n) => (
          <NotificationItem key={n.id} n={n} />
        ))}
      </Stack>
      {pages.hasNextPage && (
        <Group>
          <Button size="xs" variant="default" loading={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function NotificationItem({ n }: { n: NotificationView }) {
  const markRead = useMarkRead();
  const unread = n.readAt === null;
  const onOpen = () => {
    if (unread) markRead.mutate(n.id);
  };
  const title = n.ticket ? (
    <RouterAnchor
      to="/tickets/$ref"
      params={{ ref: n.ticket.number }}
      size="sm"
      fw={unread ? 700 : 500}
      onClick={onOpen}
    >
      {n.title}
    </RouterAnchor>
  ) : n.link ? (
    <Anchor href={n.link} size="sm" fw={unread ? 700 : 500} onClick={onOpen}>
      {n.title}
    </Anchor>
  ) : (
    <Text size="sm" fw={unread ? 700 : 500}>
      {n.title}
    </Text>
  );
  return (
    <Paper
      component="li"
      withBorder
      p="xs"
      // A coloured edge, not a tinted background: dimmed text keeps its contrast.
      style={unread ? { borderLeft: "3px solid var(--mantine-primary-color-filled)" } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Box style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            {unread && (
              <Badge variant="dot" color="red" size="xs" style={{ flexShrink: 0 }}>
                Unread
              </Badge>
            )}
            {title}
          </Group>
          {n.body && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {n.body}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {kindLabel(n.kind)} · <time title={formatDateTime(n.createdAt)}>{relativeTime(n.createdAt)}</time>
          </Text>
        </Box>
        {unread && (
          <Button
            size="compact-xs"
            variant="subtle"
            loading={markRead.isPending}
            onClick={() => markRead.mutate(n.id)}
            aria-label={`Mark read: ${n.title}`}
          >
            Mark read
          </Button>
        )}
      </Group>
    </Paper>
  );
}
