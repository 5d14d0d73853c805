import { Title } from "@mantine/core";

/** Placeholder until this screen is built. */
export function CompaniesPage() {
  return (
    <Title order={1} size="h3">
      CompaniesPage
    </Title>
  );
}
