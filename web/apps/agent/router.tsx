import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Navigate,
  Outlet,
} from "@tanstack/react-router";
import { AgentGate } from "../../features/auth/agent-gate.js";
import { NotFoundPage } from "../../features/auth/not-found-page.js";

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFoundPage });

/** Everything behind sign-in, inside the agent shell. */
const app = createRoute({ getParentRoute: () => rootRoute, id: "app", component: AgentGate });

const index = createRoute({ getParentRoute: () => app, path: "/", component: () => <Navigate to="/tickets" /> });

export interface TicketListSearch {
  q?: string;
  view?: string;
}
const tickets = createRoute({
  getParentRoute: () => app,
  path: "/tickets",
  validateSearch: (s: Record<string, unknown>): TicketListSearch => ({ q: str(s.q), view: str(s.view) }),
  component: lazyRouteComponent(() => import("../../features/tickets/ticket-list-page.js"), "TicketListPage"),
});

const ticket = createRoute({
  getParentRoute: () => app,
  path: "/tickets/$ref",
  component: lazyRouteComponent(() => import("../../features/ticket/ticket-page.js"), "TicketPage"),
});

export interface BoardSearch {
  lanes?: string;
  q?: string;
}
const board = createRoute({
  getParentRoute: () => app,
  path: "/board",
  validateSearch: (s: Record<string, unknown>): BoardSearch => ({ lanes: str(s.lanes), q: str(s.q) }),
  component: lazyRouteComponent(() => import("../../features/board/board-page.js"), "BoardPage"),
});

export interface CalendarSearch {
  mode?: string;
  date?: string;
}
const calendar = createRoute({
  getParentRoute: () => app,
  path: "/calendar",
  validateSearch: (s: Record<string, unknown>): CalendarSearch => ({ mode: str(s.mode), date: str(s.date) }),
  component: lazyRouteComponent(() => import("../../features/calendar/calendar-page.js"), "CalendarPage"),
});

const customers = createRoute({
  getParentRoute: () => app,
  path: "/customers",
  validateSearch: (s: Record<string, unknown>): { q?: string } => ({ q: str(s.q) }),
  component: lazyRouteComponent(() => import("../../features/people/customers-page.js"), "CustomersPage"),
});
const customer = createRoute({
  getParentRoute: () => app,
  path: "/customers/$id",
  component: lazyRouteComponent(() => import("../../features/people/customer-page.js"), "CustomerPage"),
});
const companies = createRoute({
  getParentRoute: () => app,
  path: "/companies",
  validateSearch: (s: Record<string, unknown>): { q?: string } => ({ q: str(s.q) }),
  component: lazyRouteComponent(() => import("../../features/people/companies-page.js"), "CompaniesPage"),
});
const company = createRoute({
  getParentRoute: () => app,
  path: "/companies/$id",
  component: lazyRouteComponent(() => import("../../features/people/company-page.js"), "CompanyPage"),
});

const admin = createRoute({
  getParentRoute: () => app,
  path: "/admin",
  validateSearch: (s: Record<string, unknown>): { tab?: string } => ({ tab: str(s.tab) }),
  component: lazyRouteComponent(() => import("../../features/admin/admin-page.js"), "AdminPage"),
});

const notifications = createRoute({
  getParentRoute: () => app,
  path: "/notifications",
  component: lazyRouteComponent(
    () => import("../../features/notifications/notifications-page.js"),
    "NotificationsPage",
  ),
});

const routeTree = rootRoute.addChildren([
  app.addChildren([
    index,
    tickets,
    ticket,
    board,
    calendar,
    customers,
    customer,
    companies,
    company,
    admin,
    notifications,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: "intent", scrollRestoration: true });

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
