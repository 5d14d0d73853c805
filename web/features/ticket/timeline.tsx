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
  const scroller = useRef<HTMLElement>(null);
  const atBottom = useRef(true);
  const lastTop = useRef(0);
  const count = entries.length;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when entries are added or the ticket changes
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [count, ticketRef]);

  // Late layout (fonts, thumbnails, a panel becoming visible) must not leave the newest entry out of view.
  const empty = count === 0;
  useEffect(() => {
    const el = scroller.current;
    const inner = el?.firstElementChild;
    if (empty || !el || !inner) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    observer.observe(inner);
    return () => observer.disconnect();
  }, [empty]);

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
    <section
      ref={scroller}
      className={classes.scroller}
      aria-label={`Timeline, ${count} entries`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
      tabIndex={0}
      onScroll={(e) => {
        // Only the agent scrolling up lets go of the bottom: content growing between our own scroll
        // and its event must not count as "scrolled away".
        const el = e.currentTarget;
        if (el.scrollHeight - el.scrollTop - el.clientHeight < 40) atBottom.current = true;
        else if (el.scrollTop < lastTop.current) atBottom.current = false;
        lastTop.current = el.scrollTop;
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
    </section>
  );
}
