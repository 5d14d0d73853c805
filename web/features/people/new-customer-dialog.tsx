import { Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { post } from "../../lib/api.js";
import { useCompanies } from "../../lib/lookups.js";
import { useSession } from "../../lib/session.js";
import type { Customer } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { fieldError, isFieldError } from "./form-errors.js";

/** "New customer" for agents (customer:manage): email, name, company; opens the new customer. */
export function NewCustomerButton() {
  const { can } = useSession();
  const [opened, { open, close }] = useDisclosure();
  if (!can("customer:manage")) return null;
  return (
    <>
      <Button size="xs" variant="default" onClick={open}>
        New customer
      </Button>
      <Modal opened={opened} onClose={close} title="New customer" size="md">
        <NewCustomerForm onDone={close} />
      </Modal>
    </>
  );
}

function NewCustomerForm({ onDone }: { onDone: () => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [company, setCompany] = useState<string | null>(null);
  const companies = useCompanies();
  const client = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () =>
      post<Customer>("/api/v1/customers", {
        email: email.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(company ? { company } : {}),
      }),
    onSuccess: (c) => {
      client.invalidateQueries({ queryKey: ["customers"] });
      notifications.show({ color: "teal", message: `Customer ${c.email} added.` });
      onDone();
      navigate({ to: "/customers/$id", params: { id: c.id } });
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
          label="Email"
          required
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError(err, "email")}
          data-autofocus
        />
        <TextInput
          label="Name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(err, "name")}
        />
        <Select
          label="Company"
          description="Left empty, the customer joins the company owning their email domain, if any."
          placeholder="None"
          data={(companies.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={company}
          onChange={setCompany}
          searchable
          clearable
          error={fieldError(err, "company")}
        />
        {err && !isFieldError(err, ["email", "name", "company"]) && <ErrorAlert error={err} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add customer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
