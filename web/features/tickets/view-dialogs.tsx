import { Button, Code, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ViewListItemView } from "../../../common/api/views.js";
import { del, patch, post } from "../../lib/api.js";
import { useTeams } from "../../lib/lookups.js";
import type { View } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";

type Visibility = "personal" | "team" | "workspace";

/** Save the query in the bar as a view: a name and who sees it. */
export function SaveViewDialog({
  opened,
  query,
  onClose,
  onSaved,
}: {
  opened: boolean;
  query: string;
  onClose(): void;
  onSaved(view: View): void;
}) {
  const client = useQueryClient();
  const teams = useTeams();
  const [name, setName] = useState("");
  const [visibility, setVisibility] = useState<Visibility>("personal");
  const [team, setTeam] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      post<View>("/api/v1/views", {
        name: name.trim(),
        query,
        visibility,
        ...(visibility === "team" && team ? { team } : {}),
      }),
    onSuccess: async (view) => {
      await client.invalidateQueries({ queryKey: ["views"] });
      setName("");
      onSaved(view);
    },
  });
  const close = () => {
    save.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Save as view" size="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            Query: <Code>{query || "(every ticket)"}</Code>
          </Text>
          <TextInput
            size="xs"
            label="Name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <Stack gap={4}>
            <Text size="xs" fw={500} id="view-visibility-label">
              Who sees it
            </Text>
            <SegmentedControl
              size="xs"
              aria-labelledby="view-visibility-label"
              value={visibility}
              onChange={(v) => setVisibility(v as Visibility)}
              data={[
                { value: "personal", label: "Only me" },
                { value: "team", label: "A team" },
                { value: "workspace", label: "Everyone" },
              ]}
            />
          </Stack>
          {visibility === "team" && (
            <Select
              size="xs"
              label="Team"
              required
              data={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
              value={team}
              onChange={setTeam}
              comboboxProps={{ withinPortal: false }}
            />
          )}
          {save.error && <ErrorAlert error={save.error} title="The view was not saved" />}
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={close}>
              Cancel
            </Button>
            <Button size="xs" type="submit" loading={save.isPending} disabled={!name.trim()}>
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Rename a view, or delete it (each only when the server says the caller may). */
export function EditViewDialog({
  view,
  mode,
  onClose,
  onDeleted,
}: {
  view: ViewListItemView | null;
  mode: "rename" | "delete";
  onClose(): void;
  onDeleted(id: string): void;
}) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  useEffect(() => setName(view?.name ?? ""), [view]);
  const change = useMutation({
    mutationFn: async () => {
      if (!view) return;
      if (mode === "rename") await patch(`/api/v1/views/${encodeURIComponent(view.id)}`, { name: name.trim() });
      else await del(`/api/v1/views/${encodeURIComponent(view.id)}`);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["views"] });
      if (view && mode === "delete") onDeleted(view.id);
      onClose();
    },
  });
  const close = () => {
    change.reset();
    setName("");
    onClose();
  };
  return (
    <Modal opened={view !== null} onClose={close} title={mode === "rename" ? "Rename view" : "Delete view"} size="sm">
      {view && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate();
          }}
        >
          <Stack gap="sm">
            {mode === "rename" ? (
              <TextInput
                size="xs"
                label="Name"
                required
                maxLength={100}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                data-autofocus
              />
            ) : (
              <Text size="sm">
                Delete the view <strong>{view.name}</strong>
                {view.visibility === "personal" ? "" : " for everyone it is shared with"}? The tickets stay as they are.
              </Text>
            )}
            {change.error && <ErrorAlert error={change.error} />}
            <Group justify="flex-end" gap="xs">
              <Button size="xs" variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                size="xs"
                type="submit"
                color={mode === "delete" ? "red" : undefined}
                loading={change.isPending}
                disabled={mode === "rename" && !name.trim()}
              >
                {mode === "rename" ? "Rename" : "Delete view"}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
