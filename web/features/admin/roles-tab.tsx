import { Badge, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { RolesView, RoleView } from "../../../common/api/roles.js";
import type { CustomerRole } from "../../../common/enums.js";
import { get, qs } from "../../lib/api.js";
import { useAgents } from "../../lib/lookups.js";
import type { Customer, Page } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { RouterAnchor } from "../people/router-anchor.js";

type Scope = RoleView["actions"][number]["scope"];
const SCOPE_NOTE: Record<Scope, string> = { workspace: "", company: "own and company's", own: "own only" };

/** What each role may do (from the server's access policy) and who has each role. */
export function RolesTab() {
  const roles = useQuery({
    queryKey: ["roles"],
    queryFn: () => get<RolesView>("/api/v1/roles"),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (roles.isPending) return <Skeleton h={320} aria-label="Loading roles" />;
  if (roles.isError) return <ErrorAlert error={roles.error} onRetry={() => roles.refetch()} />;
  return (
    <Stack gap="md">
      <section aria-labelledby="roles-holders">
        <Title order={2} size="h5" mb="xs" id="roles-holders">
          Who has each role
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
          {roles.data.roles.map((r) => (
            <RoleCard key={r.role} role={r} />
          ))}
        </SimpleGrid>
      </section>
      <section aria-labelledby="roles-matrix">
        <Title order={2} size="h5" mb="xs" id="roles-matrix">
          What each role may do
        </Title>
        <Matrix data={roles.data} />
      </section>
    </Stack>
  );
}

function RoleCard({ role }: { role: RoleView }) {
  return (
    <Paper withBorder p="xs">
      <Stack gap={4}>
        <Title order={3} size="h6">
          {role.label}
        </Title>
        <Text size="xs" c="dimmed">
          {role.description}
        </Text>
        {role.kind === "agent" ? (
          <AgentHolders role={role.role} />
        ) : (
          <CustomerHolders role={role.role as CustomerRole} />
        )}
      </Stack>
    </Paper>
  );
}

function AgentHolders({ role }: { role: string }) {
  const agents = useAgents();
  if (agents.isPending) return <Skeleton h={14} aria-label="Loading agents" />;
  const holders = (agents.data ?? []).filter((a) => a.role === role && a.active);
  return <Text size="sm">{holders.length === 0 ? "Nobody" : holders.map((a) => a.name || a.email).join(", ")}</Text>;
}

function CustomerHolders({ role }: { role: CustomerRole }) {
  const page = useQuery({
    queryKey: ["customers", "role", role],
    queryFn: () => get<Page<Customer>>(`/api/v1/customers${qs({ role, limit: 5 })}`),
  });
  if (page.isPending) return <Skeleton h={14} aria-label="Loading customers" />;
  if (page.isError) return <ErrorAlert error={page.error} />;
  const names = page.data.items.map((c) => c.name ?? c.email);
  return (
    <Text size="sm">
      {names.length === 0 ? "Nobody" : names.join(", ")}
      {page.data.nextCursor && (
        <>
          {" and more — "}
          <RouterAnchor to="/customers" size="sm">
            see customers
          </RouterAnchor>
        </>
      )}
    </Text>
  );
}

function Matrix({ data }: { data: RolesView }) {
  const grants = data.roles.map((r) => new Map(r.actions.map((a) => [a.action, a.scope])));
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table verticalSpacing={4} fz="sm" striped withColumnBorders aria-label="Permissions by role">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Action</Table.Th>
            {data.roles.map((r) => (
              <Table.Th key={r.role} ta="center">
                {r.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.actions.map((a) => (
            <Table.Tr key={a.action}>
              <Table.Th scope="row" fw={400}>
                <Text size="sm" fw={600}>
                  {a.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {a.description}
                </Text>
              </Table.Th>
              {grants.map((g, i) => (
                <Table.Td key={data.roles[i]?.role} ta="center">
                  <Grant scope={g.get(a.action)} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Grant({ scope }: { scope: Scope | undefined }) {
  if (!scope) {
    return (
      <>
        <span aria-hidden>—</span>
        <VisuallyHidden>Not allowed</VisuallyHidden>
      </>
    );
  }
  return (
    <>
      <Text span fw={700} c="var(--mantine-color-teal-text)" aria-hidden>
        ✓
      </Text>
      <VisuallyHidden>Allowed</VisuallyHidden>
      {SCOPE_NOTE[scope] && (
        <Badge size="xs" variant="default" ml={4}>
          {SCOPE_NOTE[scope]}
        </Badge>
      )}
    </>
  );
}
