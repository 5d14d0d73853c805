import { Button, Combobox, Group, Loader, Text, TextInput, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type Ref, useEffect, useRef, useState } from "react";
import { get, qs } from "../../lib/api.js";

interface Completion {
  replace: { start: number; end: number };
  kind: "field" | "value" | "keyword";
  field?: string;
  items: { label: string; insert: string; kind: string; detail?: string }[];
}

interface Props {
  /** The query running now (from the address). */
  value: string;
  onSubmit(q: string): void;
  inputRef: Ref<HTMLInputElement>;
  /** The query failed: mark the input invalid (the message is shown by the caller). */
  invalid: boolean;
  describedBy?: string;
  /** Text to put in the bar from outside (a suggestion applied); bumps `nonce` to apply again. */
  replacement?: { text: string; nonce: number };
}

/**
 * The query bar: the query language with suggestions at the cursor from the
 * server (fields, values, agents, tags…). Enter runs the query; Escape closes the
 * suggestions, a second Escape leaves the bar.
 */
export function QueryBar({ value, onSubmit, inputRef, invalid, describedBy, replacement }: Props) {
  const [text, setText] = useState(value);
  const [cursor, setCursor] = useState(value.length);
  const localRef = useRef<HTMLInputElement | null>(null);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });

  // The address changed (a view picked, a header clicked, back button): show that query.
  useEffect(() => {
    setText(value);
  }, [value]);
  useEffect(() => {
    if (replacement) setText(replacement.text);
  }, [replacement]);

  const [debounced] = useDebouncedValue({ text, cursor }, 120);
  const complete = useQuery({
    queryKey: ["query-complete", debounced.text, debounced.cursor],
    queryFn: ({ signal }) =>
      get<Completion>(`/api/v1/query/complete${qs({ text: debounced.text, cursor: debounced.cursor })}`, { signal }),
    enabled: combobox.dropdownOpened,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const items = complete.data?.items ?? [];

  const trackCursor = (el: HTMLInputElement) => setCursor(el.selectionStart ?? el.value.length);

  const apply = (index: string) => {
    const c = complete.data;
    const item = c?.items[Number(index)];
    if (!c || !item) return;
    const before = text.slice(0, c.replace.start);
    const after = text.slice(c.replace.end);
    // Values and sort keys need a space before the next term; fields and keywords bring their own.
    const space = item.insert.endsWith(" ") || after.startsWith(" ") ? "" : " ";
    const next = `${before}${item.insert}${space}${after}`;
    const at = before.length + item.insert.length + space.length;
    setText(next);
    setCursor(at);
    combobox.resetSelectedOption();
    requestAnimationFrame(() => localRef.current?.setSelectionRange(at, at));
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        combobox.closeDropdown();
        onSubmit(text.trim());
      }}
      style={{ width: "100%", minWidth: 0 }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Combobox store={combobox} onOptionSubmit={apply} withinPortal position="bottom-start" size="xs">
          <Combobox.Target withExpandedAttribute>
            <TextInput
              ref={(el) => {
                localRef.current = el;
                if (typeof inputRef === "function") inputRef(el);
                else if (inputRef) inputRef.current = el;
              }}
              size="xs"
              style={{ flex: 1, minWidth: 0 }}
              aria-label="Query"
              placeholder="status: open priority: >= high assignee: me   (press / to focus)"
              value={text}
              error={invalid || undefined}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              spellCheck={false}
              autoComplete="off"
              rightSection={complete.isFetching ? <Loader size={12} aria-label="Loading suggestions" /> : null}
              onChange={(e) => {
                setText(e.currentTarget.value);
                trackCursor(e.currentTarget);
                combobox.openDropdown();
              }}
              onClick={(e) => {
                trackCursor(e.currentTarget);
                combobox.openDropdown();
              }}
              onKeyUp={(e) => {
                if (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home" || e.key === "End")
                  trackCursor(e.currentTarget);
              }}
              onBlur={() => combobox.closeDropdown()}
              onKeyDown={(e) => {
                // The first Escape closes the suggestions; with none showing, it leaves the bar.
                if (e.key === "Escape" && !(combobox.dropdownOpened && items.length > 0)) e.currentTarget.blur();
              }}
            />
          </Combobox.Target>
          <Combobox.Dropdown hidden={items.length === 0}>
            <Combobox.Options mah={280} style={{ overflowY: "auto" }} aria-label="Query suggestions">
              {items.map((item, i) => (
                <Combobox.Option value={String(i)} key={`${item.kind}:${item.insert}:${item.label}`}>
                  <Group gap="xs" wrap="nowrap" justify="space-between">
                    <Text size="xs" ff="monospace">
                      {item.label}
                    </Text>
                    {item.detail && (
                      <Text size="xs" c="dimmed" truncate maw={220}>
                        {item.detail}
                      </Text>
                    )}
                  </Group>
                </Combobox.Option>
              ))}
            </Combobox.Options>
          </Combobox.Dropdown>
        </Combobox>
        <Button size="xs" type="submit">
          Search
        </Button>
      </Group>
    </form>
  );
}
