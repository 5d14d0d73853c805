import { Button, Group, Modal, Stack, Switch, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { patch, post } from "../../lib/api.js";
import { useSession } from "../../lib/session.js";
import type { Company } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { fieldError, isFieldError } from "./form-errors.js";

/** Create (no `company`) or edit a company: name, domain, tier, ticket sharing. */
function CompanyForm({ company, onDone }: { company?: Company; onDone: (saved: Company) => void }) {
  const [name, setName] = useState(company?.name ?? "");
  const [domain, setDomain] = useState(company?.domain ?? "");
  const [tier, setTier] = useState(company?.tier ?? "");
  const [sharesTickets, setSharesTickets] = useState(company?.sharesTickets ?? true);
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: name.trim(),
        sharesTickets,
        ...(company
          ? { domain: domain.trim() || null, tier: tier.trim() || null }
          : { ...(domain.trim() ? { domain: domain.trim() } : {}), ...(tier.trim() ? { tier: tier.trim() } : {}) }),
      };
      return company
        ? patch<Company>(`/api/v1/companies/${company.id}`, body)
        : post<Company>("/api/v1/companies", body);
    },
    onSuccess: (c) => {
      client.setQueryData(["company", c.id], c);
      client.invalidateQueries({ queryKey: ["companies"] });
      client.invalidateQueries({ queryKey: ["people-search"] });
      notifications.show({ color: "teal", message: company ? "Company saved." : `Company ${c.name} added.` });
      onDone(c);
    },
  });
  const err = save.error;
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
        <TextInput
          label="Email domain"
          description="New customers with this domain join the company."
          placeholder="example.com"
          value={domain}
          onChange={(e) => setDomain(e.currentTarget.value)}
          error={fieldError(err, "domain")}
        />
        <TextInput
          label="Tier"
          description="Plan or tier, e.g. enterprise (SLA policies can target it)."
          value={tier}
          onChange={(e) => setTier(e.currentTarget.value)}
          error={fieldError(err, "tier")}
        />
        <Switch
          label="Company users see all of the company's tickets"
          checked={sharesTickets}
          onChange={(e) => setSharesTickets(e.currentTarget.checked)}
        />
        {err && !isFieldError(err, ["name", "domain", "tier"]) && <ErrorAlert error={err} />}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {company ? "Save company" : "Add company"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "New company" for managers; opens the new company. */
export function NewCompanyButton() {
  const { can } = useSession();
  const [opened, { open, close }] = useDisclosure();
  const navigate = useNavigate();
  if (!can("people:manage")) return null;
  return (
    <>
      <Button size="xs" variant="default" onClick={open}>
        New company
      </Button>
      <Modal opened={opened} onClose={close} title="New company">
        <CompanyForm
          onDone={(c) => {
            close();
            navigate({ to: "/companies/$id", params: { id: c.id } });
          }}
        />
      </Modal>
    </>
  );
}

export function EditCompanyButton({ company }: { company: Company }) {
  const [opened, { open, close }] = useDisclosure();
  if (!company.can.update) return null;
  return (
    <>
      <Button size="compact-xs" variant="subtle" onClick={open}>
        Edit company
      </Button>
      <Modal opened={opened} onClose={close} title={`Edit ${company.name}`}>
        <CompanyForm company={company} onDone={close} />
      </Modal>
    </>
  );
}
