import { Button, Group, Modal, MultiSelect, Select, Stack, TagsInput, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { TeamStrategy } from "../../../common/enums.js";
import { patch, post, put } from "../../lib/api.js";
import { useAgents } from "../../lib/lookups.js";
import type { Team } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { fieldError, isFieldError } from "../people/form-errors.js";
import { options, STRATEGY_LABEL } from "./admin-labels.js";

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Create a team (no `team`) or edit one: name, lead, routing strategy, categories and members. */
export function TeamDialog({ opened, onClose, team }: { opened: boolean; onClose: () => void; team?: Team }) {
  return (
    <Modal opened={opened} onClose={onClose} title={team ? `Edit ${team.name}` : "New team"} size="lg">
      <TeamForm team={team} onDone={onClose} />
    </Modal>
  );
}

function TeamForm({ team, onDone }: { team?: Team; onDone: () => void }) {
  const agents = useAgents();
  const [name, setName] = useState(team?.name ?? "");
  const [lead, setLead] = useState<string | null>(team?.leadAgentId ?? null);
  const [strategy, setStrategy] = useState<TeamStrategy>(team?.strategy ?? "least_loaded");
  const [categories, setCategories] = useState<string[]>(team?.categories ?? []);
  const [members, setMembers] = useState<string[]>(team?.memberIds ?? []);
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: async () => {
      if (!team) {
        return post<Team>("/api/v1/teams", {
          name: name.trim(),
          strategy,
          categories,
          members,
          ...(lead ? { lead } : {}),
        });
      }
      let saved = await patch<Team>(`/api/v1/teams/${team.id}`, { name: name.trim(), lead, strategy, categories });
      // The server makes a new lead a member: send the list it should end with.
      const wanted = lead && !members.includes(lead) ? [...members, lead] : members;
      if (!sameSet(wanted, saved.memberIds))
        saved = await put<Team>(`/api/v1/teams/${team.id}/members`, { members: wanted });
      return saved;
    },
    onSuccess: (t) => {
      client.invalidateQueries({ queryKey: ["teams"] });
      notifications.show({ color: "teal", message: team ? `Team ${t.name} saved.` : `Team ${t.name} created.` });
      onDone();
    },
  });
  const err = save.error;
  const agentOptions = (agents.data ?? [])
    .filter((a) => a.active || members.includes(a.id) || a.id === lead)
    .map((a) => ({ value: a.id, label: a.name || a.email }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
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
        <Group grow align="flex-start">
          <Select
            label="Lead"
            placeholder="No lead"
            data={agentOptions}
            value={lead}
            onChange={setLead}
            searchable
            clearable
            error={fieldError(err, "lead")}
          />
          <Select
            label="Routing strategy"
            description="How routing picks an agent in the team"
            data={options(STRATEGY_LABEL)}
            value={strategy}
            allowDeselect={false}
            onChange={(v) => v && setStrategy(v as TeamStrategy)}
            error={fieldError(err, "strategy")}
          />
        </Group>
        <MultiSelect
          label="Members"
          placeholder={members.length === 0 ? "Choose agents" : undefined}
          data={agentOptions}
          value={members}
          onChange={setMembers}
          searchable
          clearable
          error={fieldError(err, "members")}
        />
        <TagsInput
          label="Categories"
          description="Tickets of these categories are routed to this team"
          placeholder="Enter to add"
          value={categories}
          onChange={setCategories}
          error={fieldError(err, "categories")}
        />
        {err && !isFieldError(err, ["name", "lead", "strategy", "members", "categories"]) && <ErrorAlert error={err} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {team ? "Save team" : "Create team"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
