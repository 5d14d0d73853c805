import { Autocomplete, TagsInput, TextInput } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import "@mantine/dates/styles.css";
import dayjs from "dayjs";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";

interface CommitTextProps {
  label: string;
  value: string;
  disabled?: boolean;
  placeholder?: string;
  /** Suggestions (free text still allowed). */
  data?: string[];
  onCommit(value: string): Promise<boolean>;
}

/** A text field that saves when the agent leaves it or presses Enter (not per keystroke). */
export function CommitText({ label, value, disabled, placeholder, data, onCommit }: CommitTextProps) {
  const [draft, setDraft] = useState(value);
  // Enter (or picking a suggestion) and then leaving the field must save once, not twice.
  const saving = useRef<string | null>(null);
  useEffect(() => setDraft(value), [value]);
  const commit = async (raw = draft) => {
    const next = raw.trim();
    if (next === value || next === saving.current) return;
    saving.current = next;
    const ok = await onCommit(next);
    saving.current = null;
    if (!ok) setDraft(value);
  };
  const common = {
    label,
    size: "xs" as const,
    value: draft,
    disabled,
    placeholder,
    onBlur: () => void commit(),
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === "Enter") void commit(e.currentTarget.value);
      if (e.key === "Escape") setDraft(value);
    },
  };
  if (data) {
    return <Autocomplete {...common} data={data} onChange={setDraft} onOptionSubmit={(v) => void commit(v)} />;
  }
  return <TextInput {...common} onChange={(e) => setDraft(e.currentTarget.value)} />;
}

interface TagsProps {
  value: string[];
  disabled?: boolean;
  onChange(add: string[], remove: string[]): Promise<boolean>;
}

/** Tags, added and removed one by one (so two agents tagging at once do not undo each other). */
export function TagsField({ value, disabled, onChange }: TagsProps) {
  const [tags, setTags] = useState(value);
  const key = value.join("\u0000");
  // biome-ignore lint/correctness/useExhaustiveDependencies: resync when the server's tags change (key)
  useEffect(() => setTags(value), [key]);
  return (
    <TagsInput
      label="Tags"
      size="xs"
      value={tags}
      disabled={disabled}
      placeholder={tags.length === 0 ? "Add a tag, Enter" : undefined}
      onChange={async (next) => {
        const normal = [...new Set(next.map((t) => t.trim().toLowerCase()).filter(Boolean))];
        const add = normal.filter((t) => !value.includes(t));
        const remove = value.filter((t) => !normal.includes(t));
        if (add.length === 0 && remove.length === 0) return;
        setTags(normal);
        if (!(await onChange(add, remove))) setTags(value);
      }}
    />
  );
}

const PICKER_FORMAT = "YYYY-MM-DD HH:mm:ss";

/** The due date an agent sets (clearable); the picker works in local time, the server in ISO. */
export function DueDateField({
  value,
  disabled,
  onChange,
}: {
  value: string | null;
  disabled?: boolean;
  onChange(iso: string | null): Promise<boolean>;
}) {
  return (
    <DateTimePicker
      label="Due date"
      size="xs"
      clearable
      valueFormat="DD MMM YYYY HH:mm"
      disabled={disabled}
      value={value ? dayjs(value).format(PICKER_FORMAT) : null}
      onChange={(v) => void onChange(v ? dayjs(v).toISOString() : null)}
      popoverProps={{ withinPortal: true }}
    />
  );
}
