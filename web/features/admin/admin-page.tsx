import { Title } from "@mantine/core";

/** Placeholder until this screen is built. */
export function AdminPage() {
  return (
    <Title order={1} size="h3">
      AdminPage
    </Title>
  );
}
