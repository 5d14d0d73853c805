import { Title } from "@mantine/core";

/** Placeholder until this screen is built. */
export function CustomersPage() {
  return (
    <Title order={1} size="h3">
      CustomersPage
    </Title>
  );
}
