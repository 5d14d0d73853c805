import { Badge, Group, Text } from "@mantine/core";
import { IconLock, IconMail } from "@tabler/icons-react";
import { memo } from "react";
import { formatDateTime, relativeTime } from "../../lib/format.js";
import type { TimelineEntry } from "../../lib/types.js";
import { Attachments } from "./attachments.js";
import { eventText, type ValueNames } from "./event-text.js";
import { MessageBody } from "./message-body.js";
import classes from "./ticket.module.css";
import { useToneColor } from "./tone.js";

export interface EntryProps {
  entry: TimelineEntry;
  author: string;
  ticketRef: string;
  names: ValueNames;
  highlighted: boolean;
}

function Stamp({ at }: { at: string }) {
  return (
    <Text size="xs" component="time" dateTime={at} title={formatDateTime(at)}>
      {relativeTime(at)}
    </Text>
  );
}

const DELIVERY_LABEL = { queued: "email queued", sending: "sending email", sent: "email sent", failed: "email failed" };

function Delivery({ email }: { email: TimelineEntry["email"] }) {
  const tone = useToneColor();
  const delivery = email?.delivery;
  if (!delivery) return null;
  const failed = delivery.status === "failed";
  const detail = failed && delivery.error ? `: ${delivery.error}` : "";
  return (
    <Text size="xs" c={failed ? tone("red") : undefined} fw={failed ? 600 : undefined} title={delivery.error}>
      <IconMail size={12} aria-hidden /> {DELIVERY_LABEL[delivery.status]}
      {detail}
    </Text>
  );
}

function channelOf(entry: TimelineEntry): string | null {
  if (entry.email?.direction === "in") return "email";
  return entry.channel;
}

function EventEntry({ entry, author, names, highlighted }: EntryProps) {
  const text = eventText(entry, author, names);
  return (
    <article
      data-entry-id={entry.id}
      data-kind={entry.kind}
      aria-label={`Event: ${text}`}
      className={`${classes.event} ${highlighted ? classes.highlight : ""}`}
    >
      <Text size="xs" c="dimmed" span>
        {text} ·{" "}
      </Text>
      <Text
        size="xs"
        c="dimmed"
        span
        component="time"
        dateTime={entry.createdAt}
        title={formatDateTime(entry.createdAt)}
      >
        {relativeTime(entry.createdAt)}
      </Text>
    </article>
  );
}

/** One timeline entry: customer messages left, agent replies and internal notes right, events centred. */
export const TimelineEntryView = memo(function TimelineEntryView(props: EntryProps) {
  const { entry, author, ticketRef, highlighted } = props;
  if (entry.kind === "event") return <EventEntry {...props} />;
  const note = entry.kind === "note";
  const fromCustomer = entry.author.type === "customer";
  const side = note ? classes.note : fromCustomer ? classes.customer : classes.agent;
  const channel = channelOf(entry);
  const what = note ? "Internal note" : fromCustomer ? "Message" : "Reply";
  return (
    <article
      data-entry-id={entry.id}
      data-kind={entry.kind}
      aria-label={`${what} by ${author}, ${relativeTime(entry.createdAt)}`}
      className={`${classes.bubble} ${side} ${highlighted ? classes.highlight : ""}`}
    >
      <Group gap={6} justify="space-between" wrap="wrap" mb={2}>
        <Group gap={6} wrap="wrap">
          <Text size="xs" fw={700}>
            {author}
          </Text>
          {note && (
            <Text size="xs" fw={600}>
              <IconLock size={12} aria-hidden /> Internal note · agents only
            </Text>
          )}
          {channel && <Text size="xs">via {channel}</Text>}
          <Delivery email={entry.email} />
          {highlighted && (
            <Badge size="xs" color="indigo.8" variant="filled">
              New
            </Badge>
          )}
        </Group>
        <Stamp at={entry.createdAt} />
      </Group>
      <MessageBody body={entry.body} />
      <Attachments ticketRef={ticketRef} items={entry.attachments} />
    </article>
  );
});
