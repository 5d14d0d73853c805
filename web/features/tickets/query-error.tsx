import { Alert, Button, Group, List, Text } from "@mantine/core";
import { ApiError } from "../../lib/api.js";
import { ErrorAlert } from "../../ui/error-alert.js";

interface Issue {
  message: string;
  span: { start: number; end: number };
  at: string;
  suggestion?: string;
}

function issuesOf(err: ApiError): Issue[] {
  const raw = err.details?.issues;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (i): i is Issue =>
      typeof i === "object" &&
      i !== null &&
      typeof (i as Issue).message === "string" &&
      typeof (i as Issue).span?.start === "number",
  );
}

/**
 * Under the bar: what is wrong with the query, where (the server names the
 * position), with a one-click fix when the server suggests one. The rows of
 * the last query that worked stay below.
 */
export function QueryError({
  id,
  error,
  q,
  onFix,
  onRetry,
  keptRows,
}: {
  id: string;
  /** Rows of an earlier query are still on screen. */
  keptRows: boolean;
  error: unknown;
  q: string;
  onFix(fixed: string): void;
  onRetry(): void;
}) {
  if (!(error instanceof ApiError) || error.code !== "query.invalid") {
    return (
      <div id={id}>
        <ErrorAlert error={error} title="The tickets did not load" onRetry={onRetry} />
      </div>
    );
  }
  const issues = issuesOf(error);
  return (
    <Alert id={id} color="red" variant="light" role="alert" py="xs" title="This query cannot run">
      {issues.length === 0 ? (
        <Text size="sm">{error.message}</Text>
      ) : (
        <List size="sm" spacing={2}>
          {issues.map((issue) => (
            <List.Item key={`${issue.at}:${issue.message}`}>
              <Group gap="xs" wrap="wrap">
                <span>{issue.message}</span>
                {issue.suggestion && (
                  <Button
                    size="compact-xs"
                    variant="white"
                    color="red"
                    onClick={() =>
                      onFix(`${q.slice(0, issue.span.start)}${issue.suggestion}${q.slice(issue.span.end)}`)
                    }
                  >
                    Use “{issue.suggestion}”
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {keptRows && (
        <Text size="xs" mt={4}>
          The list below still shows the last query that worked.
        </Text>
      )}
    </Alert>
  );
}
