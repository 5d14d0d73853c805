import { Button, Grid, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useParams } from "@tanstack/react-router";
import { formatDateTime } from "../../lib/format.js";
import type { Customer } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { CreateTicketDialog } from "../tickets/create-ticket-dialog.js";
import { ConvertCustomerButton, EditCustomerForm } from "./customer-forms.js";
import { useCustomer } from "./people-queries.js";
import { CompanyLink, CustomerRoleBadge, Field } from "./people-ui.js";
import { RelatedTickets } from "./related-tickets.js";
import { RouterAnchor } from "./router-anchor.js";

/** One customer: profile (editable where allowed), their company, and their tickets, live. */
export function CustomerPage() {
  const { id } = useParams({ strict: false });
  const customer = useCustomer(id ?? "");
  return (
    <Stack gap="sm">
      <RouterAnchor to="/customers" size="sm">
        ← Customers
      </RouterAnchor>
      {customer.isPending ? (
        <>
          <Title order={1} size="h3">
            Customer
          </Title>
          <Skeleton h={200} aria-label="Loading customer" />
        </>
      ) : customer.isError ? (
        <>
          <Title order={1} size="h3">
            Customer
          </Title>
          <ErrorAlert error={customer.error} onRetry={() => customer.refetch()} />
        </>
      ) : (
        <CustomerView customer={customer.data} />
      )}
    </Stack>
  );
}

function CustomerView({ customer }: { customer: Customer }) {
  const [creating, { open, close }] = useDisclosure();
  const [editing, edit] = useDisclosure();
  return (
    <>
      <Group justify="space-between" align="center" gap="xs">
        <Group gap="xs">
          <Title order={1} size="h3">
            {customer.name ?? customer.email}
          </Title>
          <CustomerRoleBadge role={customer.role} />
        </Group>
        <Group gap="xs">
          <ConvertCustomerButton customer={customer} />
          <Button size="xs" onClick={open}>
            New ticket for this customer
          </Button>
        </Group>
      </Group>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="sm">
            <Title order={2} size="h5" mb="xs">
              Tickets
            </Title>
            <RelatedTickets
              query={`requester: "${customer.id}"`}
              label={`Tickets of ${customer.name ?? customer.email}`}
              empty="No tickets from this customer yet. Use “New ticket for this customer” to open one."
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="sm">
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h5">
                Profile
              </Title>
              {customer.can.update && !editing && (
                <Button size="compact-xs" variant="subtle" onClick={edit.open}>
                  Edit profile
                </Button>
              )}
            </Group>
            {editing ? (
              <EditCustomerForm customer={customer} onDone={edit.close} />
            ) : (
              <Stack gap={6}>
                <Field label="Email">{customer.email}</Field>
                <Field label="Name">
                  {customer.name ?? (
                    <Text span size="sm" c="dimmed">
                      Not given
                    </Text>
                  )}
                </Field>
                <Field label="Company">
                  <CompanyLink id={customer.companyId} />
                </Field>
                <Field label="Role">{customer.role === "company_user" ? "Company user" : "Individual customer"}</Field>
                <Field label="Since">{formatDateTime(customer.createdAt)}</Field>
              </Stack>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
      <CreateTicketDialog
        opened={creating}
        onClose={close}
        defaults={{ requester: customer.email, company: customer.companyId ?? undefined }}
      />
    </>
  );
}
