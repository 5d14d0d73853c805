import { Title } from "@mantine/core";

/** Placeholder until this screen is built. */
export function TicketPage() {
  return (
    <Title order={1} size="h3">
      TicketPage
    </Title>
  );
}
