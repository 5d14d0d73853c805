import { Box, Button, Text } from "@mantine/core";
import { useState } from "react";
import classes from "./ticket.module.css";

/** Messages longer than this many lines (or characters) start collapsed. */
export const COLLAPSE_LINES = 15;
const COLLAPSE_CHARS = 1500;

const QUOTE_HEADER = /^\s*On .+wrote:\s*$/;

/**
 * Splits a message into what was written and the quoted history below it:
 * an "On … wrote:" line and everything after it, or a tail made only of
 * ">" lines (blank lines allowed). Interleaved answers stay visible.
 */
export function splitQuoted(body: string): { main: string; quoted: string } {
  const lines = body.split("\n");
  const header = lines.findIndex((l) => QUOTE_HEADER.test(l));
  let start = header;
  if (start < 0) {
    start = lines.length;
    for (let i = lines.length - 1; i >= 0; i--) {
      const l = lines[i] ?? "";
      if (l.startsWith(">")) start = i;
      else if (l.trim() !== "") break;
    }
  }
  if (start >= lines.length || start === 0) return { main: body, quoted: "" };
  return { main: lines.slice(0, start).join("\n").trimEnd(), quoted: lines.slice(start).join("\n") };
}

function shortened(text: string): string | null {
  const lines = text.split("\n");
  if (lines.length > COLLAPSE_LINES) return lines.slice(0, COLLAPSE_LINES).join("\n");
  if (text.length > COLLAPSE_CHARS) return text.slice(0, COLLAPSE_CHARS);
  return null;
}

/** A message's text: long ones collapsed behind "Show more", quoted history behind "Show quoted text". */
export function MessageBody({ body }: { body: string }) {
  const [expanded, setExpanded] = useState(false);
  const [showQuoted, setShowQuoted] = useState(false);
  const { main, quoted } = splitQuoted(body);
  const short = shortened(main);
  const visible = expanded || short === null ? main : `${short}…`;
  return (
    <Box>
      <Text size="sm" className={classes.body}>
        {visible}
      </Text>
      {short !== null && (
        <Button variant="subtle" size="compact-xs" aria-expanded={expanded} onClick={() => setExpanded((v) => !v)}>
          {expanded ? "Show less" : "Show more"}
        </Button>
      )}
      {quoted && (
        <>
          <Button
            variant="subtle"
            color="gray"
            size="compact-xs"
            aria-expanded={showQuoted}
            onClick={() => setShowQuoted((v) => !v)}
          >
            {showQuoted ? "Hide quoted text" : "Show quoted text"}
          </Button>
          {showQuoted && (
            <Text size="sm" c="dimmed" className={classes.quoted}>
              {quoted}
            </Text>
          )}
        </>
      )}
    </Box>
  );
}
