import { Grid, Paper, Skeleton, Stack, Tabs } from "@mantine/core";
import { useParams } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import type { Ticket, TimelineEntry } from "../../lib/types.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { Composer } from "./composer.js";
import { DetailsPanel } from "./details-panel.js";
import { History } from "./history.js";
import { PresenceBar } from "./presence-bar.js";
import { SlaClocks } from "./sla-clocks.js";
import { TicketHeader } from "./ticket-header.js";
import { Timeline } from "./timeline.js";
import { usePresenceAnnounce } from "./use-presence-announce.js";
import { usePersonNames, useTicketData } from "./use-ticket-data.js";

/** The bench measures the time to this mark: ticket, timeline and composer usable. */
export const INTERACTIVE_MARK = "helpline:ticket-interactive";

const EMPTY: ReadonlySet<string> = new Set();

function Loading() {
  return (
    <Stack gap="sm" aria-label="Loading the ticket" aria-busy>
      <Skeleton h={28} w="60%" />
      <Skeleton h={18} w="40%" />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Skeleton h={320} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Skeleton h={320} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Loaded({ ticket, entries, ticketRef }: { ticket: Ticket; entries: TimelineEntry[]; ticketRef: string }) {
  const nameOf = usePersonNames(ticket, entries);
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(EMPTY);
  const setTyping = usePresenceAnnounce(ticketRef, ticket.id, true);
  const requesterName = nameOf({ type: "customer", id: ticket.requesterId });
  const marked = useRef<string | null>(null);

  useEffect(() => {
    if (marked.current === ticketRef) return;
    marked.current = ticketRef;
    performance.mark(INTERACTIVE_MARK, { detail: { ticket: ticketRef } });
  }, [ticketRef]);

  return (
    <Stack gap="xs">
      <TicketHeader ticket={ticket} ticketRef={ticketRef} requesterName={requesterName} />
      <PresenceBar ticketId={ticket.id} />
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="xs">
            <Tabs defaultValue="conversation">
              <Tabs.List>
                <Tabs.Tab value="conversation">Conversation</Tabs.Tab>
                <Tabs.Tab value="history">History</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="conversation" pt="xs">
                <Stack gap="xs">
                  <Timeline entries={entries} ticketRef={ticketRef} nameOf={nameOf} highlighted={highlighted} />
                  <Composer
                    key={ticket.id}
                    ticket={ticket}
                    ticketRef={ticketRef}
                    entries={entries}
                    nameOf={nameOf}
                    onHighlight={setHighlighted}
                    onTyping={setTyping}
                  />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="history" pt="xs">
                <History entries={entries} nameOf={nameOf} />
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="sm">
            <DetailsPanel ticket={ticket} ticketRef={ticketRef} requesterName={requesterName} />
            <SlaClocks ticketId={ticket.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** One ticket: the conversation, the composer, its fields and SLA clocks, who else is on it. */
export function TicketPage() {
  const { ref } = useParams({ strict: false }) as { ref?: string };
  const ticketRef = ref ?? "";
  const { ticket, timeline } = useTicketData(ticketRef);
  if ((ticket.isError && !ticket.data) || (timeline.isError && !timeline.data)) {
    const error = ticket.error ?? timeline.error;
    return (
      <ErrorAlert
        title={`Ticket ${ticketRef} could not be loaded`}
        error={error}
        onRetry={() => {
          void ticket.refetch();
          void timeline.refetch();
        }}
      />
    );
  }
  if (!ticket.data || !timeline.data) return <Loading />;
  return <Loaded key={ticketRef} ticket={ticket.data} entries={timeline.data} ticketRef={ticketRef} />;
}
