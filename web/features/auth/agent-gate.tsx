import { Button, Center, Loader, Stack, Text, Title } from "@mantine/core";
import { LiveProvider } from "../../lib/live.js";
import { useSession } from "../../lib/session.js";
import { AgentShell } from "../../ui/app-shell.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { SignInPage } from "./sign-in-page.js";

/**
 * The sign-in gate: the page address stays as it is, so after signing in (or
 * in again, when the session ran out) the agent is where they were.
 */
export function AgentGate() {
  const { me, signOut } = useSession();
  if (me === undefined) {
    return (
      <Center mih="100dvh">
        <Loader role="status" aria-label="Loading" />
      </Center>
    );
  }
  if (me === null) return <SignInPage />;
  if (me.user.type !== "agent") {
    return (
      <Center mih="100dvh" p="md">
        <Stack maw={420}>
          <Title order={1} size="h3">
            This is the agents' desk
          </Title>
          <Text>
            You are signed in as a customer ({me.user.email}). Customers follow their requests in the customer portal.
          </Text>
          <ErrorAlert title="No access" error={new Error("Agent screens need an agent account.")} />
          <Button onClick={() => signOut()}>Sign out</Button>
        </Stack>
      </Center>
    );
  }
  return (
    <LiveProvider meId={me.user.id}>
      <AgentShell />
    </LiveProvider>
  );
}
