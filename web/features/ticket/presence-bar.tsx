import { Avatar, Group, Text, Tooltip } from "@mantine/core";
import { usePresence } from "../../lib/live.js";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase() || "?";
}

/** Other agents on this ticket right now: "Ben Agent is viewing", "… is typing a reply…". */
export function PresenceBar({ ticketId }: { ticketId: string }) {
  const others = usePresence(ticketId);
  const sentence = others
    .map((p) => `${p.agent.name} ${p.state === "typing" ? "is typing a reply…" : "is viewing"}`)
    .join(" · ");
  return (
    <Group gap="xs" wrap="nowrap" aria-live="polite">
      {others.length > 0 && (
        <>
          <Avatar.Group spacing="xs">
            {others.map((p) => (
              <Tooltip key={p.agent.id} label={p.agent.name}>
                <Avatar size="sm" radius="xl" color="indigo.8" variant="filled" aria-hidden>
                  {initials(p.agent.name)}
                </Avatar>
              </Tooltip>
            ))}
          </Avatar.Group>
          <Text size="xs" fw={others.some((p) => p.state === "typing") ? 600 : undefined}>
            {sentence}
          </Text>
        </>
      )}
    </Group>
  );
}
