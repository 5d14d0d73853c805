import { Paper, Text, UnstyledButton } from "@mantine/core";
import type { Agent } from "../../lib/types.js";

/** The `@word` being typed just before the caret (the server parses `@alice` and `@alice@example.com`). */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|[^\w.@+-])@([\w.+-]*)$/.exec(text.slice(0, caret));
  if (!m) return null;
  const query = m[2] ?? "";
  return { start: caret - query.length - 1, query: query.toLowerCase() };
}

/** What to insert for an agent: the email's local part, or the whole email when two agents share it. */
export function mentionHandle(agent: Agent, all: readonly Agent[]): string {
  const local = agent.email.split("@")[0] ?? agent.email;
  const clash = all.some((a) => a.id !== agent.id && a.email.split("@")[0]?.toLowerCase() === local.toLowerCase());
  return clash ? agent.email : local;
}

export function matchAgents(agents: readonly Agent[], query: string, limit = 6): Agent[] {
  const q = query.toLowerCase();
  return agents
    .filter((a) => a.active)
    .filter((a) => !q || a.name.toLowerCase().replaceAll(" ", "").includes(q) || a.email.toLowerCase().includes(q))
    .slice(0, limit);
}

export const optionId = (listId: string, i: number) => `${listId}-opt-${i}`;

interface SuggestionsProps {
  id: string;
  items: Agent[];
  active: number;
  onPick(agent: Agent): void;
}

/** The agents an `@` may mention; the textarea keeps focus (arrow keys move, Enter or Tab picks). */
export function MentionSuggestions({ id, items, active, onPick }: SuggestionsProps) {
  return (
    <Paper id={id} role="listbox" aria-label="Mention an agent" withBorder shadow="sm" p={4} mt={2} maw={320}>
      {items.map((a, i) => (
        <UnstyledButton
          key={a.id}
          id={optionId(id, i)}
          role="option"
          aria-selected={i === active}
          tabIndex={-1}
          display="block"
          w="100%"
          px={6}
          py={2}
          bg={i === active ? "var(--mantine-color-default-hover)" : undefined}
          // Keep the caret in the textarea: pick on mouse down, before it would blur.
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(a);
          }}
        >
          <Text size="sm" span fw={600}>
            {a.name}
          </Text>{" "}
          <Text size="xs" span>
            {a.email}
          </Text>
        </UnstyledButton>
      ))}
    </Paper>
  );
}
