import { Button, Group, Modal, NumberInput, Select, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { AgentRole } from "../../../common/enums.js";
import { post } from "../../lib/api.js";
import { useMe } from "../../lib/session.js";
import type { Agent } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { fieldError, isFieldError } from "../people/form-errors.js";
import { AGENT_ROLE_LABEL, options } from "./admin-labels.js";

export function NewAgentButton() {
  const [opened, { open, close }] = useDisclosure();
  return (
    <>
      <Button size="xs" onClick={open}>
        New agent
      </Button>
      <Modal opened={opened} onClose={close} title="New agent">
        <NewAgentForm onDone={close} />
      </Modal>
    </>
  );
}

function NewAgentForm({ onDone }: { onDone: () => void }) {
  const me = useMe();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<AgentRole>("agent");
  const [capacity, setCapacity] = useState<number | string>("");
  const [teamsOnly, setTeamsOnly] = useState(false);
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      post<Agent>("/api/v1/agents", {
        name: name.trim(),
        email: email.trim(),
        role,
        teamsOnly,
        ...(typeof capacity === "number" ? { capacity } : {}),
      }),
    onSuccess: (a) => {
      client.invalidateQueries({ queryKey: ["agents"] });
      notifications.show({ color: "teal", message: `${a.name} added as ${AGENT_ROLE_LABEL[a.role].toLowerCase()}.` });
      onDone();
    },
  });
  const err = create.error;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(err, "name")}
          data-autofocus
        />
        <TextInput
          label="Email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError(err, "email")}
        />
        <Select
          label="Role"
          data={options(AGENT_ROLE_LABEL).filter((o) => o.value !== "superadmin" || me.user.role === "superadmin")}
          value={role}
          allowDeselect={false}
          onChange={(v) => v && setRole(v as AgentRole)}
          error={fieldError(err, "role")}
        />
        <NumberInput
          label="Capacity"
          description="Most active tickets routing gives them; empty for no limit."
          min={0}
          max={10_000}
          value={capacity}
          onChange={setCapacity}
          error={fieldError(err, "capacity")}
        />
        <Switch
          label="Only tickets of their teams"
          checked={teamsOnly}
          onChange={(e) => setTeamsOnly(e.currentTarget.checked)}
        />
        <Text size="xs" c="dimmed">
          They choose a password with “Forgot your password?” on the sign-in page.
        </Text>
        {err && !isFieldError(err, ["name", "email", "role", "capacity"]) && <ErrorAlert error={err} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add agent
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
