import { Button, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { patch, post } from "../../lib/api.js";
import { useCompanies } from "../../lib/lookups.js";
import type { Customer } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { fieldError, isFieldError } from "./form-errors.js";

function useCustomerSaved() {
  const client = useQueryClient();
  return (c: Customer) => {
    client.setQueryData(["customer", c.id], c);
    client.invalidateQueries({ queryKey: ["customers"] });
    client.invalidateQueries({ queryKey: ["people-search"] });
  };
}

/** Name and company of a customer (PATCH; detaching from the company makes them an individual customer). */
export function EditCustomerForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const [name, setName] = useState(customer.name ?? "");
  const [company, setCompany] = useState<string | null>(customer.companyId);
  const companies = useCompanies();
  const saved = useCustomerSaved();
  const save = useMutation({
    mutationFn: () =>
      patch<Customer>(`/api/v1/customers/${customer.id}`, {
        name: name.trim() === "" ? null : name.trim(),
        ...(company !== customer.companyId ? { company } : {}),
      }),
    onSuccess: (c) => {
      saved(c);
      notifications.show({ color: "teal", message: "Profile saved." });
      onDone();
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
      <Stack gap="xs">
        <TextInput
          size="xs"
          label="Name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(err, "name")}
        />
        <Select
          size="xs"
          label="Company"
          placeholder="No company"
          data={(companies.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={company}
          onChange={setCompany}
          searchable
          clearable
          error={fieldError(err, "company")}
        />
        {customer.companyId && company === null && (
          <Text size="xs" c="dimmed">
            Without a company, a company user becomes an individual customer.
          </Text>
        )}
        {err && !isFieldError(err, ["name", "company"]) && <ErrorAlert error={err} />}
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button size="xs" type="submit" loading={save.isPending}>
            Save profile
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Managers turn an individual customer into a company user (audited on the server). */
export function ConvertCustomerButton({ customer }: { customer: Customer }) {
  const [opened, { open, close }] = useDisclosure();
  const [company, setCompany] = useState<string | null>(customer.companyId);
  const companies = useCompanies();
  const saved = useCustomerSaved();
  const convert = useMutation({
    mutationFn: () => post<Customer>(`/api/v1/customers/${customer.id}/convert`, { company }),
    onSuccess: (c) => {
      saved(c);
      notifications.show({ color: "teal", message: `${c.name ?? c.email} is now a company user.` });
      close();
    },
  });
  if (!customer.can.convert) return null;
  return (
    <>
      <Button size="xs" variant="default" onClick={open}>
        Convert to company user
      </Button>
      <Modal opened={opened} onClose={close} title="Convert to company user">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            convert.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              {customer.name ?? customer.email} will belong to the company, and see its tickets when the company shares
              tickets.
            </Text>
            <Select
              label="Company"
              required
              placeholder="Choose the company"
              data={(companies.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={company}
              onChange={setCompany}
              searchable
              error={fieldError(convert.error, "company")}
            />
            {convert.error && !isFieldError(convert.error, ["company"]) && <ErrorAlert error={convert.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={!company} loading={convert.isPending}>
                Convert
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
