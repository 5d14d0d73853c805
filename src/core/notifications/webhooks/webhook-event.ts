/** An event as webhooks send it (the `event` of a delivery's body). */
export interface WebhookEvent {
  id: string;
  type: string;
  occurredAt: string;
  workspaceId: string;
  subject: { type: string; id: string };
  actor: unknown;
  payload: Record<string, unknown>;
}
