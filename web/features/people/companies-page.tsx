import { Group, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { formatDateTime, relativeTime } from "../../lib/format.js";
import type { Company } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { NewCompanyButton } from "./company-form.js";
import { useCompanyPages, usePeopleSearch, useRecords } from "./people-queries.js";
import { LoadMore, SearchBox, SharingBadge } from "./people-ui.js";
import { RouterAnchor } from "./router-anchor.js";

interface Row {
  id: string;
  name: string | null;
  domain: string | null;
  record?: Company;
}

/** Companies by name, or the best matches of a search by name or domain. */
export function CompaniesPage() {
  const search = useSearch({ strict: false });
  const q = typeof search.q === "string" ? search.q : "";
  const navigate = useNavigate();
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h3">
          Companies
        </Title>
        <NewCompanyButton />
      </Group>
      <SearchBox
        value={q}
        label="Search companies"
        placeholder="Name or domain"
        onSearch={(next) => navigate({ to: "/companies", search: { q: next || undefined }, replace: true })}
      />
      {q ? <SearchResults q={q} /> : <AllCompanies />}
    </Stack>
  );
}

function AllCompanies() {
  const pages = useCompanyPages();
  if (pages.isPending) return <Skeleton h={240} aria-label="Loading companies" />;
  if (pages.isError) return <ErrorAlert error={pages.error} onRetry={() => pages.refetch()} />;
  const rows = pages.data.pages.flatMap((p) => p.items).map((c) => ({ ...c, record: c }));
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No companies yet. A manager adds them with “New company”; customers with the company's email domain then join
        it.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <CompanyTable rows={rows} />
      <LoadMore
        noun="companies"
        shown={rows.length}
        hasMore={pages.hasNextPage}
        loading={pages.isFetchingNextPage}
        onMore={() => pages.fetchNextPage()}
      />
    </Stack>
  );
}

function SearchResults({ q }: { q: string }) {
  const hits = usePeopleSearch("company", q);
  const records = useRecords<Company>("company", hits.data?.map((h) => h.id) ?? []);
  if (hits.isPending) return <Skeleton h={160} aria-label="Searching companies" />;
  if (hits.isError) return <ErrorAlert error={hits.error} onRetry={() => hits.refetch()} />;
  if (hits.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No company matches “{q}”. Try the beginning of its name or its email domain.
      </Text>
    );
  }
  const rows: Row[] = hits.data.map((h, i) => ({ id: h.id, name: h.name, domain: h.detail, record: records[i] }));
  return <CompanyTable rows={rows} />;
}

function CompanyTable({ rows }: { rows: Row[] }) {
  return (
    <Table.ScrollContainer minWidth={600} type="native">
      <Table verticalSpacing={4} fz="sm" highlightOnHover stickyHeader aria-label="Companies">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Domain</Table.Th>
            <Table.Th>Tier</Table.Th>
            <Table.Th>Ticket sharing</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <RouterAnchor to="/companies/$id" params={{ id: c.id }} size="sm" fw={600}>
                  {c.name ?? c.id}
                </RouterAnchor>
              </Table.Td>
              <Table.Td>{c.domain ?? "—"}</Table.Td>
              <Table.Td>{c.record?.tier ?? "—"}</Table.Td>
              <Table.Td>{c.record ? <SharingBadge shares={c.record.sharesTickets} /> : null}</Table.Td>
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
