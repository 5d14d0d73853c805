import { Group, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { formatDateTime, relativeTime } from "../../lib/format.js";
import type { Customer } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { NewCustomerButton } from "./new-customer-dialog.js";
import { useCustomerPages, usePeopleSearch, useRecords } from "./people-queries.js";
import { CompanyLink, CustomerRoleBadge, LoadMore, SearchBox } from "./people-ui.js";
import { RouterAnchor } from "./router-anchor.js";

interface Row {
  id: string;
  name: string | null;
  email: string;
  record?: Customer;
}

/** The customers list: every customer by email, or the best matches of a search (typos forgiven). */
export function CustomersPage() {
  const search = useSearch({ strict: false });
  const q = typeof search.q === "string" ? search.q : "";
  const navigate = useNavigate();
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h3">
          Customers
        </Title>
        <NewCustomerButton />
      </Group>
      <SearchBox
        value={q}
        label="Search customers"
        placeholder="Name or email (typos are fine)"
        onSearch={(next) => navigate({ to: "/customers", search: { q: next || undefined }, replace: true })}
      />
      {q ? <SearchResults q={q} /> : <AllCustomers />}
    </Stack>
  );
}

function AllCustomers() {
  const pages = useCustomerPages();
  if (pages.isPending) return <Skeleton h={240} aria-label="Loading customers" />;
  if (pages.isError) return <ErrorAlert error={pages.error} onRetry={() => pages.refetch()} />;
  const rows = pages.data.pages.flatMap((p) => p.items).map((c) => ({ ...c, record: c }));
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No customers yet. They appear when someone writes in, or add one with “New customer”.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <CustomerTable rows={rows} />
      <LoadMore
        noun="customers"
        shown={rows.length}
        hasMore={pages.hasNextPage}
        loading={pages.isFetchingNextPage}
        onMore={() => pages.fetchNextPage()}
      />
    </Stack>
  );
}

function SearchResults({ q }: { q: string }) {
  const hits = usePeopleSearch("customer", q);
  const records = useRecords<Customer>("customer", hits.data?.map((h) => h.id) ?? []);
  if (hits.isPending) return <Skeleton h={160} aria-label="Searching customers" />;
  if (hits.isError) return <ErrorAlert error={hits.error} onRetry={() => hits.refetch()} />;
  if (hits.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No customer matches “{q}”. Try part of the name or the email address.
      </Text>
    );
  }
  const rows: Row[] = hits.data.map((h, i) => ({ id: h.id, name: h.name, email: h.detail ?? "", record: records[i] }));
  return (
    <Stack gap="xs">
      <CustomerTable rows={rows} />
      <Text size="xs" c="dimmed">
        {rows.length} best {rows.length === 1 ? "match" : "matches"}, closest first
      </Text>
    </Stack>
  );
}

function CustomerTable({ rows }: { rows: Row[] }) {
  return (
    <Table.ScrollContainer minWidth={640} type="native">
      <Table verticalSpacing={4} fz="sm" highlightOnHover stickyHeader aria-label="Customers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Company</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Created</Table.Th>
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
              <Table.Td>{c.record ? <CompanyLink id={c.record.companyId} /> : <Skeleton h={12} w={80} />}</Table.Td>
              <Table.Td>{c.record ? <CustomerRoleBadge role={c.record.role} /> : null}</Table.Td>
              <Table.Td title={c.record ? formatDateTime(c.record.createdAt) : undefined}>
                {c.record ? relativeTime(c.record.createdAt) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
