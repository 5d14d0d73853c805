import { ActionIcon, Kbd, Popover, Table, Text } from "@mantine/core";
import { useEffect, useRef } from "react";

export interface ListKeys {
  move(delta: 1 | -1): void;
  open(): void;
  toggle(): void;
  focusQuery(): void;
}

/** Typing somewhere (an input, a select, an editor, an open dialog) is not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !["checkbox", "radio", "button", "submit"].includes(target.type);
  return target.closest("textarea, select, [role='dialog'], [role='listbox'], [role='menu']") !== null;
}

/** j/k move the row cursor, Enter opens, x selects, / goes to the query bar. */
export function useListKeys(keys: ListKeys): void {
  const ref = useRef(keys);
  ref.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const k = ref.current;
      switch (e.key) {
        case "j":
          k.move(1);
          break;
        case "k":
          k.move(-1);
          break;
        case "x":
          k.toggle();
          break;
        case "/":
          k.focusQuery();
          break;
        case "Enter": {
          // A focused link or button does its own thing on Enter, except a row's ticket link: focus
          // follows the cursor one frame late, and keys typed fast (j j Enter) can outrun it, so
          // Enter opens the row the cursor ring is on.
          const el = e.target instanceof HTMLElement ? e.target : null;
          if (el?.closest("a, button") && !el.closest("[data-ticket-link]")) return;
          k.open();
          break;
        }
        default:
          return;
      }
      e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

const SHORTCUTS: [string, string][] = [
  ["j / k", "Next / previous ticket"],
  ["Enter", "Open the ticket"],
  ["x", "Select or unselect it"],
  ["Shift + click", "Select a range"],
  ["/", "Go to the query bar"],
  ["Esc", "Leave the query bar"],
];

/** The "?" button listing the list's keyboard shortcuts. */
export function ShortcutsHelp() {
  return (
    <Popover position="bottom-end" withinPortal shadow="md">
      <Popover.Target>
        <ActionIcon variant="default" size="sm" aria-label="Keyboard shortcuts">
          ?
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="xs" fw={700} mb={4}>
          Keyboard shortcuts
        </Text>
        <Table fz="xs" verticalSpacing={2} withRowBorders={false}>
          <Table.Tbody>
            {SHORTCUTS.map(([key, what]) => (
              <Table.Tr key={key}>
                <Table.Td>
                  <Kbd size="xs">{key}</Kbd>
                </Table.Td>
                <Table.Td>{what}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Popover.Dropdown>
    </Popover>
  );
}
