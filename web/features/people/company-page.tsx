import { Button, Grid, Group, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useParams } from "@tanstack/react-router";
import { formatDateTime } from "../../lib/format.js";
import type { Company } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { CreateTicketDialog } from "../tickets/create-ticket-dialog.js";
import { EditCompanyButton } from "./company-form.js";
import { useCompany, useCustomerPages } from "./people-queries.js";
import { CustomerRoleBadge, Field, LoadMore, SharingBadge } from "./people-ui.js";
import { RelatedTickets } from "./related-tickets.js";
import { RouterAnchor } from "./router-anchor.js";

/** One company: profile (managers edit it), its members and its tickets, live. */
export function CompanyPage() {
  const { id } = useParams({ strict: false });
  const company = useCompany(id ?? "");
  return (
    <Stack gap="sm">
      <RouterAnchor to="/companies" size="sm">
        ← Companies
      </RouterAnchor>
      {company.isPending ? (
        <>
          <Title order={1} size="h3">
            Company
          </Title>
          <Skeleton h={200} aria-label="Loading company" />
        </>
      ) : company.isError ? (
        <>
          <Title order={1} size="h3">
            Company
          </Title>
          <ErrorAlert error={company.error} onRetry={() => company.refetch()} />
        </>
      ) : (
        <CompanyView company={company.data} />
      )}
    </Stack>
  );
}

function CompanyView({ company }: { company: Company }) {
  const [creating, { open, close }] = useDisclosure();
  return (
    <>
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Title order={1} size="h3">
            {company.name}
          </Title>
          <SharingBadge shares={company.sharesTickets} />
        </Group>
        <Button size="xs" onClick={open}>
          New ticket for this company
        </Button>
      </Group>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            <Paper withBorder p="sm">
              <Title order={2} size="h5" mb="xs">
                Tickets
              </Title>
              <RelatedTickets
                query={`company: "${company.id}"`}
                label={`Tickets of ${company.name}`}
                empty="No tickets for this company yet."
              />
            </Paper>
            <Paper withBorder p="sm">
              <Title order={2} size="h5" mb="xs">
                Members
              </Title>
              <Members companyId={company.id} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="sm">
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h5">
                Profile
              </Title>
              <EditCompanyButton company={company} />
            </Group>
            <Stack gap={6}>
              <Field label="Domain">{company.domain ?? "None"}</Field>
              <Field label="Tier">{company.tier ?? "None"}</Field>
              <Field label="Sharing">
                {company.sharesTickets
                  ? "Company users see all of the company's tickets"
                  : "Each person sees only their own tickets"}
              </Field>
              <Field label="Since">{formatDateTime(company.createdAt)}</Field>
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      <CreateTicketDialog opened={creating} onClose={close} defaults={{ company: company.id }} />
    </>
  );
}

function Members({ companyId }: { companyId: string }) {
  const pages = useCustomerPages({ company: companyId });
  if (pages.isPending) return <Skeleton h={80} aria-label="Loading members" />;
  if (pages.isError) return <ErrorAlert error={pages.error} onRetry={() => pages.refetch()} />;
  const rows = pages.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No members yet. Customers join when their email has the company's domain, or from their profile.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={420} type="native">
        <Table verticalSpacing={4} fz="sm" aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <RouterAnchor to="/customers/$id" params={{ id: c.id }} size="sm" fw={600}>
                    {c.name ?? c.email}
                  </RouterAnchor>
                </Table.Td>
                <Table.Td>{c.email}</Table.Td>
                <Table.Td>
                  <CustomerRoleBadge role={c.role} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore
        noun="members"
        shown={rows.length}
        hasMore={pages.hasNextPage}
        loading={pages.isFetchingNextPage}
        onMore={() => pages.fetchNextPage()}
      />
    </Stack>
  );
}
