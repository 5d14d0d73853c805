import { Alert, Button, Group, SegmentedControl, Stack, Text, Textarea } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { ApiError, post } from "../../lib/api.js";
import { useTicketChanges } from "../../lib/live.js";
import { useAgents } from "../../lib/lookups.js";
import { useMe } from "../../lib/session.js";
import type { Agent, Ticket, TimelineEntry } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { MentionSuggestions, matchAgents, mentionAt, mentionHandle, optionId } from "./mentions.js";
import classes from "./ticket.module.css";
import { type ComposeMode, useDraft } from "./use-draft.js";
import { type NameOf, ticketKey, ticketPath, timelineKey } from "./use-ticket-data.js";

interface ComposerProps {
  ticket: Ticket;
  ticketRef: string;
  entries: TimelineEntry[];
  nameOf: NameOf;
  /** Point out entries in the timeline (the replies a stale send missed). */
  onHighlight(ids: ReadonlySet<string>): void;
  /** The composer has text and focus (presence: "typing"). */
  onTyping(typing: boolean): void;
}

const FINAL = new Set(["closed", "cancelled"]);

/** Not while typing somewhere, and not with a modifier (browser and OS shortcuts). */
function isShortcutTarget(e: globalThis.KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return false;
  const t = e.target as HTMLElement | null;
  if (!t) return true;
  return !(t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName) || t.closest("[role=listbox]"));
}

/**
 * Public reply or internal note. Public replies carry the newest entry the
 * agent had seen when they started writing: if someone replied meanwhile the
 * server refuses (409 ticket.reply_stale), the new replies are shown and the
 * agent sends anyway after reading them.
 */
export function Composer({ ticket, ticketRef, entries, nameOf, onHighlight, onTyping }: ComposerProps) {
  const client = useQueryClient();
  const me = useMe();
  const { data: agents = [] } = useAgents();
  const { mode, body, setMode, setBody } = useDraft(ticket.id);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [staleNotice, setStaleNotice] = useState<string | null>(null);
  const [liveNotice, setLiveNotice] = useState<string | null>(null);
  const [caret, setCaret] = useState(0);
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(0);
  const [mentionClosed, setMentionClosed] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // The newest entry when the agent started this draft (or last reviewed new replies): a reply
  // someone else sent after it needs a review even when the timeline already refreshed live.
  const seenAtDraftStart = useRef<string | null>(null);
  const newestId = entries[entries.length - 1]?.id ?? null;
  if (body.trim() === "") seenAtDraftStart.current = null;
  else if (seenAtDraftStart.current === null) seenAtDraftStart.current = newestId;
  const listId = useId();

  const canReply = ticket.can.comment !== false;
  const canNote = ticket.can.note !== false;
  const final = FINAL.has(ticket.status);
  const disabled = final || (mode === "reply" ? !canReply : !canNote);

  const mention = focused && !mentionClosed ? mentionAt(body, caret) : null;
  const suggestions = mention ? matchAgents(agents, mention.query) : [];
  const open = suggestions.length > 0;

  useEffect(() => onTyping(focused && body.trim() !== ""), [focused, body, onTyping]);

  // r: public reply, n: internal note (when not typing somewhere).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.key !== "r" && e.key !== "n") || !isShortcutTarget(e)) return;
      e.preventDefault();
      setMode(e.key === "r" ? "reply" : "note");
      textarea.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [setMode]);

  useTicketChanges((change) => {
    if (change.ticketId !== ticket.id || change.event !== "ticket.message_added") return;
    if (change.actor?.id === me.user.id || body.trim() === "") return;
    setLiveNotice(`${nameOf(change.actor)} replied just now — read it before you send.`);
  });

  const insertMention = (agent: Agent) => {
    if (!mention) return;
    const text = `@${mentionHandle(agent, agents)} `;
    const next = body.slice(0, mention.start) + text + body.slice(caret);
    const at = mention.start + text.length;
    setBody(next);
    setCaret(at);
    requestAnimationFrame(() => textarea.current?.setSelectionRange(at, at));
  };

  const send = async () => {
    if (sending || disabled || body.trim() === "") return;
    setSending(true);
    setError(null);
    const lastSeen = seenAtDraftStart.current ?? newestId;
    try {
      if (mode === "reply") {
        await post(`${ticketPath(ticketRef)}/messages`, { body, ...(lastSeen ? { lastSeenEntryId: lastSeen } : {}) });
      } else {
        await post(`${ticketPath(ticketRef)}/notes`, { body });
      }
      setBody("");
      setStaleNotice(null);
      setLiveNotice(null);
      onHighlight(new Set());
      await Promise.all([
        client.invalidateQueries({ queryKey: ticketKey(ticketRef) }),
        client.invalidateQueries({ queryKey: ["ticket", ticket.id] }),
      ]);
    } catch (err) {
      if (err instanceof ApiError && err.code === "ticket.reply_stale") await showStale(err);
      else setError(err);
    } finally {
      setSending(false);
    }
  };

  const showStale = async (err: ApiError) => {
    const ids = Array.isArray(err.details?.newEntryIds) ? err.details.newEntryIds.map(String) : [];
    await client.refetchQueries({ queryKey: timelineKey(ticketRef) });
    const fresh = client.getQueryData<{ items: TimelineEntry[] }>(timelineKey(ticketRef))?.items ?? [];
    const authors = [...new Set(fresh.filter((e) => ids.includes(e.id)).map((e) => nameOf(e.author)))];
    const who = authors.length > 0 ? authors.join(", ") : "Someone";
    setStaleNotice(`${who} replied while you were writing — review, then Send anyway`);
    seenAtDraftStart.current = fresh[fresh.length - 1]?.id ?? null;
    setLiveNotice(null);
    onHighlight(new Set(ids));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const step = e.key === "ArrowDown" ? 1 : -1;
        setActive((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        const pick = suggestions[Math.min(active, suggestions.length - 1)];
        if (pick && !e.ctrlKey && !e.metaKey) {
          e.preventDefault();
          insertMention(pick);
          return;
        }
      }
      if (e.key === "Escape") {
        e.preventDefault();
        setMentionClosed(true);
        return;
      }
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  const note = mode === "note";
  const label = staleNotice ? "Send anyway" : note ? "Add internal note" : "Send reply";
  return (
    <Stack gap={6} aria-label="Compose" role="group">
      {staleNotice && (
        <Alert color="orange" variant="outline" role="alert" p="xs">
          <Text size="sm" fw={600}>
            {staleNotice}
          </Text>
        </Alert>
      )}
      {liveNotice && !staleNotice && (
        <Alert color="blue" variant="outline" role="status" p="xs">
          <Text size="sm">{liveNotice}</Text>
        </Alert>
      )}
      <Group justify="space-between" gap="xs">
        <SegmentedControl
          size="xs"
          aria-label="Write a"
          value={mode}
          onChange={(v) => setMode(v as ComposeMode)}
          data={[
            { value: "reply", label: "Public reply", disabled: !canReply },
            { value: "note", label: "Internal note", disabled: !canNote },
          ]}
          color={note ? "yellow.5" : undefined}
          autoContrast
        />
        <Text size="xs" c="dimmed" visibleFrom="sm">
          Ctrl+Enter sends · r reply · n note · @ mentions
        </Text>
      </Group>
      <div>
        <Textarea
          ref={textarea}
          label={note ? "Internal note (only agents see it)" : "Reply to the customer"}
          placeholder={note ? "Write a note for the team; @name notifies an agent" : "Write your reply"}
          classNames={{ input: note ? classes.noteInput : undefined }}
          autosize
          minRows={3}
          maxRows={12}
          value={body}
          disabled={final}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setCaret(e.currentTarget.selectionStart);
            setMentionClosed(false);
            setActive(0);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onKeyDown={onKeyDown}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? optionId(listId, active) : undefined}
        />
        {open && <MentionSuggestions id={listId} items={suggestions} active={active} onPick={insertMention} />}
      </div>
      {final && (
        <Text size="sm" c="dimmed">
          This ticket is {ticket.status}: open a follow-up ticket to write to the customer again.
        </Text>
      )}
      {error !== null && (
        <ErrorAlert error={error} title={note ? "The note was not added" : "The reply was not sent"} />
      )}
      <Group justify="flex-end">
        <Button
          size="xs"
          color={note ? "yellow.5" : undefined}
          autoContrast
          loading={sending}
          disabled={disabled || body.trim() === ""}
          onClick={() => void send()}
        >
          {label}
        </Button>
      </Group>
    </Stack>
  );
}
