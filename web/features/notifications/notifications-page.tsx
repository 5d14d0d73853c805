import { Grid, Paper, Stack, Title } from "@mantine/core";
import { NotificationList } from "./notification-list.js";
import { NotificationPreferences } from "./notification-preferences.js";

/** The notification centre (the header bell links here) and one's notification preferences. */
export function NotificationsPage() {
  return (
    <Stack gap="sm">
      <Title order={1} size="h3">
        Notifications
      </Title>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <NotificationList />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder p="sm">
            <Title order={2} size="h5" mb="xs">
              Notification preferences
            </Title>
            <NotificationPreferences />
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
