import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, errorMessage, get, post } from "../../lib/api.js";
import { useSession } from "../../lib/session.js";
import type { SetupStatus } from "../../lib/types.js";

/** Password, then a TOTP code when the account has MFA; first-run setup while the desk has no administrator. */
export function SignInPage() {
  const { signIn, expired } = useSession();
  const client = useQueryClient();
  const setup = useQuery({ queryKey: ["setup"], queryFn: () => get<SetupStatus>("/api/v1/setup"), retry: 0 });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [otp, setOtp] = useState("");
  const [needOtp, setNeedOtp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const creating = setup.data?.needed === true;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (creating) {
        await post("/api/v1/setup", { name, email, password }, { quiet401: true });
        await client.invalidateQueries({ queryKey: ["setup"] });
      }
      await signIn({ email, password, ...(needOtp ? { otp } : {}) });
    } catch (err) {
      if (err instanceof ApiError && err.code === "auth.otp_required") {
        setNeedOtp(true);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100dvh" p="md">
      <Paper component="main" withBorder shadow="sm" p="lg" w="100%" maw={380}>
        <form onSubmit={submit} aria-label={creating ? "Create the administrator" : "Sign in"}>
          <Stack gap="sm">
            <Title order={1} size="h3">
              {creating ? "Welcome to Helpline" : "Sign in to Helpline"}
            </Title>
            {creating && (
              <Text size="sm" c="dimmed">
                This desk has no administrator yet. Create yours: you will be its superadmin.
              </Text>
            )}
            {expired && !creating && (
              <Alert color="yellow" variant="light" role="status">
                Your session ended. Sign in again to go on where you were.
              </Alert>
            )}
            {error && (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            )}
            {creating && (
              <TextInput label="Your name" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              required
              autoFocus
            />
            <PasswordInput
              label="Password"
              autoComplete={creating ? "new-password" : "current-password"}
              description={creating ? "At least 10 characters" : undefined}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              required
            />
            {needOtp && (
              <TextInput
                label="Authentication code"
                description="The 6-digit code from your authenticator app, or a recovery code"
                autoComplete="one-time-code"
                inputMode="numeric"
                value={otp}
                onChange={(e) => setOtp(e.currentTarget.value)}
                required
                autoFocus
              />
            )}
            <Button type="submit" loading={busy} fullWidth>
              {creating ? "Create administrator and sign in" : needOtp ? "Verify and sign in" : "Sign in"}
            </Button>
            {!creating && (
              <Text size="xs" c="dimmed">
                Forgot your password?{" "}
                <Anchor href="/docs#/auth" size="xs">
                  Ask an administrator
                </Anchor>{" "}
                or use <code>POST /api/v1/auth/password-reset</code>.
              </Text>
            )}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
