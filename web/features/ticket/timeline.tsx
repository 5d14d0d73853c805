import { Stack, Text } from "@mantine/core";
import { useEffect, useLayoutEffect, useRef } from "react";
import type { TimelineEntry } from "../../lib/types.js";
import classes from "./ticket.module.css";
import { TimelineEntryView } from "./timeline-entry.js";
import { type NameOf, useValueNames } from "./use-ticket-data.js";

interface TimelineProps {
  entries: TimelineEntry[];
  ticketRef: string;
  nameOf: NameOf;
  /** Entries to point out (new replies found when a send was stale). */
  highlighted: ReadonlySet<string>;
}

/**
 * The conversation, oldest first, opened at the newest entry. It follows new
 * entries while the agent is at the bottom and leaves them alone when they
 * scrolled up to read. Plain rendering: 200+ entries render quickly enough.
 */
export function Timeline({ entries, ticketRef, nameOf, highlighted }: TimelineProps) {
  const names = useValueNames();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const count = entries.length;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when entries are added or the ticket changes
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [count, ticketRef]);

  useEffect(() => {
    const first = [...highlighted][0];
    if (!first) return;
    scroller.current?.querySelector(`[data-entry-id="${CSS.escape(first)}"]`)?.scrollIntoView({ block: "nearest" });
  }, [highlighted]);

  if (count === 0) {
    return (
      <Text size="sm" c="dimmed" py="md">
        No messages yet. Write the first reply below.
      </Text>
    );
  }
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
    <div
      ref={scroller}
      className={classes.scroller}
      role="region"
      aria-label={`Timeline, ${count} entries`}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      <Stack gap={8} py={4}>
        {entries.map((e) => (
          <TimelineEntryView
            key={e.id}
            entry={e}
            author={nameOf(e.author)}
            ticketRef={ticketRef}
            names={names}
            highlighted={highlighted.has(e.id)}
          />
        ))}
      </Stack>
    </div>
  );
}
