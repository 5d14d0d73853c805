import { Alert, Button, Group } from "@mantine/core";
import { errorMessage } from "../lib/api.js";

/** A server error as a message a person can act on, with a retry when there is something to retry. */
export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  return (
    <Alert color="red" title={title ?? "That did not work"} role="alert" variant="light">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <span>{errorMessage(error)}</span>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}
