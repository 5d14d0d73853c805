import { Alert, Button, CloseButton, Group, List, Progress, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Ticket } from "../../lib/types.js";
import { AssignControl, StatusControl, TagControl } from "./bulk-controls.js";
import { type BulkAction, type BulkResult, runBulk } from "./bulk-run.js";

interface Props {
  tickets: readonly Ticket[];
  onClear(): void;
  /** After a run: the tickets that failed, so they can stay selected for another try. */
  onFinished(failedNumbers: ReadonlySet<string>): void;
}

/** "N selected" with Assign, Status and Add tag for all of them, progress while it runs, then a summary. */
export function BulkToolbar({ tickets, onClear, onFinished }: Props) {
  const client = useQueryClient();
  const [progress, setProgress] = useState<{ label: string; done: number; total: number } | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);

  const run = async (action: BulkAction) => {
    const targets = tickets.map((t) => ({ id: t.id, number: t.number }));
    setResult(null);
    setProgress({ label: action.label, done: 0, total: targets.length });
    try {
      const outcome = await runBulk(action, targets, (done) => setProgress((p) => (p ? { ...p, done } : p)));
      setResult(outcome);
      onFinished(new Set(outcome.failed.map((f) => f.number)));
    } finally {
      setProgress(null);
      await Promise.all([
        client.invalidateQueries({ queryKey: ["tickets"] }),
        client.invalidateQueries({ queryKey: ["views"] }),
        client.invalidateQueries({ queryKey: ["board"] }),
      ]);
    }
  };

  const busy = progress !== null;
  return (
    <>
      {(tickets.length > 0 || busy) && (
        <Group gap="xs" wrap="wrap" role="toolbar" aria-label="Bulk actions" py={4}>
          <Text size="sm" fw={600} aria-live="polite">
            {tickets.length} selected
          </Text>
          <AssignControl disabled={busy} onRun={run} />
          <StatusControl disabled={busy} onRun={run} tickets={tickets} />
          <TagControl disabled={busy} onRun={run} />
          <Button size="xs" variant="subtle" disabled={busy} onClick={onClear}>
            Clear selection
          </Button>
        </Group>
      )}
      {progress && (
        <Group gap="xs" wrap="nowrap" py={4}>
          <Text size="xs" style={{ whiteSpace: "nowrap" }} aria-live="polite">
            {progress.label}: {progress.done} of {progress.total}…
          </Text>
          <Progress
            value={(progress.done / Math.max(1, progress.total)) * 100}
            size="sm"
            style={{ flex: 1 }}
            aria-label="Bulk change progress"
          />
        </Group>
      )}
      {result && <BulkSummary result={result} onClose={() => setResult(null)} />}
    </>
  );
}

function BulkSummary({ result, onClose }: { result: BulkResult; onClose(): void }) {
  const { changed, failed, action } = result;
  const head = `${action.label}: ${changed.length} changed${failed.length > 0 ? `, ${failed.length} failed` : ""}`;
  return (
    <Alert
      color={failed.length > 0 ? "orange" : "teal"}
      variant="light"
      role={failed.length > 0 ? "alert" : "status"}
      py="xs"
      title={
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <span>{head}</span>
          <CloseButton size="sm" aria-label="Dismiss summary" onClick={onClose} />
        </Group>
      }
      styles={{ title: { width: "100%" }, label: { width: "100%" } }}
    >
      {failed.length > 0 && (
        <List size="sm" spacing={2} aria-label="Failed tickets">
          {failed.map((f) => (
            <List.Item key={f.number}>
              <strong>{f.number}</strong>: {f.reason}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
