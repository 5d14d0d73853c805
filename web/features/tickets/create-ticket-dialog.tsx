import {
  Anchor,
  Autocomplete,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { useDebouncedValue, useDisclosure, useHotkeys, useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { LEVELS, type Level } from "../../../common/enums.js";
import { effectivePriority } from "../../../common/priority.js";
import { post } from "../../lib/api.js";
import { LEVEL_COLOR, LEVEL_LABEL } from "../../lib/format.js";
import { useAgents, useCompanies, useTeams } from "../../lib/lookups.js";
import type { Ticket } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { fieldError, isFieldError } from "../people/form-errors.js";
import { usePeopleSearch } from "../people/people-queries.js";

export interface CreateTicketDefaults {
  /** The requester's email. */
  requester?: string;
  /** A company id. */
  company?: string;
}

const LEVEL_OPTIONS = LEVELS.map((l) => ({ value: l, label: LEVEL_LABEL[l] }));
const TYPES = ["question", "incident", "problem", "task"];
const FIELDS = [
  "subject",
  "description",
  "requester",
  "urgency",
  "importance",
  "category",
  "type",
  "tags",
  "assignee",
  "team",
  "company",
];

/** The header's "New ticket" button; `c` opens it too (not while typing: useHotkeys ignores inputs). */
export function NewTicketButton() {
  const [opened, { open, close }] = useDisclosure();
  useHotkeys([["c", open]]);
  return (
    <>
      <Tooltip label="New ticket (c)">
        <Button size="compact-sm" onClick={open} aria-keyshortcuts="c">
          New ticket
        </Button>
      </Tooltip>
      <CreateTicketDialog opened={opened} onClose={close} />
    </>
  );
}

/** The new ticket form in a dialog; full screen on a phone. */
export function CreateTicketDialog({
  opened,
  onClose,
  defaults,
}: {
  opened: boolean;
  onClose: () => void;
  defaults?: CreateTicketDefaults;
}) {
  const phone = useMediaQuery("(max-width: 36em)");
  return (
    <Modal opened={opened} onClose={onClose} title="New ticket" size="xl" fullScreen={phone}>
      <CreateTicketForm onClose={onClose} defaults={defaults ?? {}} />
    </Modal>
  );
}

function CreateTicketForm({ onClose, defaults }: { onClose: () => void; defaults: CreateTicketDefaults }) {
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [requester, setRequester] = useState(defaults.requester ?? "");
  const [urgency, setUrgency] = useState<Level | null>(null);
  const [importance, setImportance] = useState<Level | null>(null);
  const [category, setCategory] = useState("");
  const [type, setType] = useState("question");
  const [tags, setTags] = useState<string[]>([]);
  const [assignee, setAssignee] = useState<string | null>(null);
  const [team, setTeam] = useState<string | null>(null);
  const [company, setCompany] = useState<string | null>(defaults.company ?? null);
  const agents = useAgents();
  const teams = useTeams();
  const companies = useCompanies();
  const client = useQueryClient();
  const navigate = useNavigate();

  const create = useMutation({
    mutationFn: () =>
      post<Ticket>("/api/v1/tickets", {
        subject,
        description,
        channel: "agent",
        type: type.trim() || "question",
        tags,
        ...(requester.trim() ? { requester: requester.trim() } : {}),
        ...(urgency ? { urgency } : {}),
        ...(importance ? { importance } : {}),
        ...(category.trim() ? { category: category.trim() } : {}),
        ...(assignee ? { assignee } : {}),
        ...(team ? { team } : {}),
        ...(company ? { company } : {}),
      }),
    onSuccess: (t) => {
      for (const key of ["tickets", "board", "calendar", "customer-tickets", "customers"]) {
        client.invalidateQueries({ queryKey: [key] });
      }
      const open = () => navigate({ to: "/tickets/$ref", params: { ref: t.number } });
      notifications.show({
        color: "teal",
        title: "Ticket created",
        message: (
          <Anchor
            href={`/tickets/${t.number}`}
            size="sm"
            onClick={(e) => {
              e.preventDefault();
              open();
            }}
          >
            {t.number}: {t.subject}
          </Anchor>
        ),
      });
      onClose();
      open();
    },
  });
  const err = create.error;
  // The server fills a missing axis from the given one, or scores both from the text.
  const chosen = urgency ?? importance;
  const priority = chosen ? effectivePriority(urgency ?? chosen, importance ?? chosen) : null;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="Subject"
          required
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          error={fieldError(err, "subject")}
          data-autofocus
        />
        <Textarea
          label="Description"
          autosize
          minRows={3}
          maxRows={10}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fieldError(err, "description")}
        />
        <RequesterInput value={requester} onChange={setRequester} error={fieldError(err, "requester")} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label="Urgency"
            placeholder="From the text"
            data={LEVEL_OPTIONS}
            value={urgency}
            onChange={(v) => setUrgency(v as Level | null)}
            clearable
            error={fieldError(err, "urgency")}
          />
          <Select
            label="Importance"
            placeholder="From the text"
            data={LEVEL_OPTIONS}
            value={importance}
            onChange={(v) => setImportance(v as Level | null)}
            clearable
            error={fieldError(err, "importance")}
          />
          <Stack gap={4} aria-live="polite">
            <Text size="sm" fw={500}>
              Effective priority
            </Text>
            {priority ? (
              <Group gap={4}>
                {/* The dot variant keeps body-coloured text: AA contrast at every level. */}
                <Badge variant="dot" color={LEVEL_COLOR[priority]} size="lg" radius="sm">
                  {LEVEL_LABEL[priority]}
                </Badge>
              </Group>
            ) : (
              <Text size="xs" c="dimmed">
                Detected from subject and description
              </Text>
            )}
          </Stack>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Category"
            placeholder="Detected if empty"
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}
            error={fieldError(err, "category")}
          />
          <Autocomplete label="Type" data={TYPES} value={type} onChange={setType} error={fieldError(err, "type")} />
          <TagsInput
            label="Tags"
            placeholder="Enter to add"
            value={tags}
            onChange={setTags}
            clearable
            error={fieldError(err, "tags")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label="Assignee"
            placeholder="Routing decides"
            data={(agents.data ?? []).filter((a) => a.active).map((a) => ({ value: a.id, label: a.name || a.email }))}
            value={assignee}
            onChange={setAssignee}
            searchable
            clearable
            error={fieldError(err, "assignee")}
          />
          <Select
            label="Team"
            placeholder="None"
            data={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
            value={team}
            onChange={setTeam}
            searchable
            clearable
            error={fieldError(err, "team")}
          />
          <Select
            label="Company"
            placeholder="The requester's"
            data={(companies.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={company}
            onChange={setCompany}
            searchable
            clearable
            error={fieldError(err, "company")}
          />
        </SimpleGrid>
        {err && !isFieldError(err, FIELDS) && <ErrorAlert error={err} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create ticket
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The requester's email, suggesting customers as you type; an address nobody has yet becomes a new customer. */
function RequesterInput({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const [settled] = useDebouncedValue(value.trim(), 250);
  const hits = usePeopleSearch("customer", settled, 8);
  const known = hits.data ?? [];
  const names = new Map(known.map((h) => [h.detail ?? "", h.name]));
  const emails = [...names.keys()].filter(Boolean);
  const looksNew =
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(settled) && hits.isSuccess && !emails.includes(settled.toLowerCase());
  return (
    <Autocomplete
      label="Requester"
      placeholder="customer@example.com"
      description={looksNew ? "No customer has this email yet: the ticket creates one." : "Search by name or email."}
      data={emails}
      value={value}
      onChange={onChange}
      // The server already ranked by similarity (typos included): show its matches as they are.
      filter={({ options }) => options}
      renderOption={({ option }) => (
        <Stack gap={0}>
          <Text size="sm">{names.get(option.value) ?? option.value}</Text>
          <Text size="xs" c="dimmed">
            {option.value}
          </Text>
        </Stack>
      )}
      error={error}
      autoComplete="off"
    />
  );
}
