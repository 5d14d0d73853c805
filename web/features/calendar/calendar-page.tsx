import { Title } from "@mantine/core";

/** Placeholder until this screen is built. */
export function CalendarPage() {
  return (
    <Title order={1} size="h3">
      CalendarPage
    </Title>
  );
}
