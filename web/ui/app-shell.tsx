import {
  ActionIcon,
  AppShell,
  Badge,
  Burger,
  Group,
  Indicator,
  Menu,
  NavLink,
  Text,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconBell, IconMoon, IconSun, IconUser } from "@tabler/icons-react";
import { Link, Outlet, useRouterState } from "@tanstack/react-router";
import { NewTicketButton } from "../features/tickets/create-ticket-dialog.js";
import { useUnreadCount } from "../lib/live.js";
import { useMe, useSession } from "../lib/session.js";

interface NavItem {
  to: string;
  label: string;
  /** Only for these roles (default: every agent). */
  roles?: string[];
}

const NAV: NavItem[] = [
  { to: "/tickets", label: "Tickets" },
  { to: "/board", label: "Board" },
  { to: "/calendar", label: "Calendar" },
  { to: "/customers", label: "Customers" },
  { to: "/companies", label: "Companies" },
  { to: "/admin", label: "Admin", roles: ["superadmin", "manager"] },
];

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme("light");
  const next = computed === "dark" ? "light" : "dark";
  return (
    <Tooltip label={`Switch to ${next} mode`}>
      <ActionIcon variant="subtle" aria-label={`Switch to ${next} mode`} onClick={() => setColorScheme(next)}>
        {computed === "dark" ? <IconSun size={18} aria-hidden /> : <IconMoon size={18} aria-hidden />}
      </ActionIcon>
    </Tooltip>
  );
}

function NotificationBell() {
  const unread = useUnreadCount();
  const label = unread === 0 ? "Notifications" : `Notifications: ${unread} unread`;
  return (
    <Tooltip label={label}>
      <Indicator disabled={unread === 0} label={unread > 99 ? "99+" : unread} size={16} color="red" offset={4}>
        <ActionIcon variant="subtle" aria-label={label} component={Link} to="/notifications">
          <IconBell size={18} aria-hidden />
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}

/** The agent app's frame: header (menu, bell, theme, user) and the navigation. */
export function AgentShell() {
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe();
  const { signOut } = useSession();
  const path = useRouterState({ select: (s) => s.location.pathname });
  return (
    <AppShell
      header={{ height: 48 }}
      navbar={{ width: 200, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="sm"
    >
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Open navigation" />
            {/* The product name is not the page's heading: each screen has its own h1. */}
            <Text fw={700} size="lg" component="span">
              Helpline
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <NewTicketButton />
            <NotificationBell />
            <ColorSchemeToggle />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" aria-label={`Account menu for ${me.user.name ?? me.user.email}`}>
                  <IconUser size={18} aria-hidden />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  <Text size="sm" fw={600}>
                    {me.user.name ?? me.user.email}
                  </Text>
                  <Badge size="xs" variant="light">
                    {me.user.role}
                  </Badge>
                </Menu.Label>
                <Menu.Item onClick={() => signOut()}>Sign out</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {NAV.filter((n) => !n.roles || n.roles.includes(me.user.role)).map((n) => (
          <NavLink
            key={n.to}
            component={Link}
            to={n.to}
            label={n.label}
            active={path === n.to || path.startsWith(`${n.to}/`)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
