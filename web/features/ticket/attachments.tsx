import { Anchor, Group, Stack, Text } from "@mantine/core";
import { IconPaperclip } from "@tabler/icons-react";
import type { TimelineEntry } from "../../lib/types.js";
import classes from "./ticket.module.css";
import { ticketPath } from "./use-ticket-data.js";

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Images as thumbnails, other files as links with their size (files not stored here: name and size only). */
export function Attachments({ ticketRef, items }: { ticketRef: string; items: TimelineEntry["attachments"] }) {
  if (items.length === 0) return null;
  const url = (key: string) => `${ticketPath(ticketRef)}/attachments/${encodeURIComponent(key)}`;
  const images = items.filter((a) => a.storageKey && a.contentType.startsWith("image/"));
  const files = items.filter((a) => !(a.storageKey && a.contentType.startsWith("image/")));
  return (
    <Stack gap={4} mt={4}>
      {images.length > 0 && (
        <Group gap="xs">
          {images.map((a) => (
            <a key={a.storageKey} href={url(a.storageKey ?? "")} target="_blank" rel="noreferrer">
              <img className={classes.thumb} src={url(a.storageKey ?? "")} alt={a.filename} loading="lazy" />
            </a>
          ))}
        </Group>
      )}
      {files.map((a) =>
        a.storageKey ? (
          <Anchor key={a.storageKey} size="xs" href={url(a.storageKey)} download={a.filename}>
            <IconPaperclip size={12} aria-hidden /> {a.filename} ({formatBytes(a.size)})
          </Anchor>
        ) : (
          <Text key={`${a.filename}-${a.size}-${a.contentType}`} size="xs">
            <IconPaperclip size={12} aria-hidden /> {a.filename} ({formatBytes(a.size)}, not stored)
          </Text>
        ),
      )}
    </Stack>
  );
}
