import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "../../ui/contrast.css";
import { createTheme, localStorageColorSchemeManager, MantineProvider, Modal, Notification } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiError } from "../../lib/api.js";
import { SessionProvider } from "../../lib/session.js";
import { router } from "./router.js";

const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "sm",
  // Dense by default: agents read many rows.
  fontSizes: { md: "0.875rem" },
  // Focus rings for keyboard users only, always visible enough.
  focusRing: "auto",
  // WCAG AA: indigo-6 on white (links, filled buttons) is 4.3:1; shade 7 is 5:1.
  primaryShade: { light: 7, dark: 8 },
  // Icon-only close buttons need a name (axe: button-name).
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close notification" } } }),
  },
});

/** WCAG AA for secondary and error text: Mantine's dimmed and error colours are 3.3–4:1. */
const cssVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "#697179", "--mantine-color-error": "var(--mantine-color-red-9)" },
  dark: {
    "--mantine-color-dimmed": "var(--mantine-color-dark-1)",
    "--mantine-color-error": "var(--mantine-color-red-4)",
  },
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: true,
      // A 4xx will not get better by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

const colorSchemeManager = localStorageColorSchemeManager({ key: "helpline-color-scheme" });

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
      cssVariablesResolver={cssVariablesResolver}
    >
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
