import { Alert, Stack, Tabs, Text, Title } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useMe } from "../../lib/session.js";
import { RolesTab } from "./roles-tab.js";
import { TeamsTab } from "./teams-tab.js";
import { UsersTab } from "./users-tab.js";

const TABS = ["users", "teams", "roles"] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: unknown): v is Tab => typeof v === "string" && (TABS as readonly string[]).includes(v);

/** The admin area for managers and superadmins: agents, teams and what each role may do. */
export function AdminPage() {
  const me = useMe();
  const search = useSearch({ strict: false });
  const navigate = useNavigate();
  const tab: Tab = isTab(search.tab) ? search.tab : "users";
  if (me.user.role !== "manager" && me.user.role !== "superadmin") {
    return (
      <Stack gap="sm" maw={560}>
        <Title order={1} size="h3">
          Admin
        </Title>
        <Alert color="yellow" variant="light" title="You need a manager role" role="alert">
          <Text size="sm">
            The admin area (agents, teams and roles) is for managers and superadmins. Ask a manager or your
            administrator if you need to change something here.
          </Text>
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <Title order={1} size="h3">
        Admin
      </Title>
      <Tabs
        value={tab}
        onChange={(v) => {
          if (isTab(v)) navigate({ to: "/admin", search: { tab: v }, replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="users">Users</Tabs.Tab>
          <Tabs.Tab value="teams">Teams</Tabs.Tab>
          <Tabs.Tab value="roles">Roles</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users" pt="sm">
          <UsersTab />
        </Tabs.Panel>
        <Tabs.Panel value="teams" pt="sm">
          <TeamsTab />
        </Tabs.Panel>
        <Tabs.Panel value="roles" pt="sm">
          <RolesTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
