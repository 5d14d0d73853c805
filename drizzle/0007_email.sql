CREATE TABLE "blobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content_type" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_message_ids" (
	"workspace_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"ticket_id" uuid NOT NULL,
	"entry_id" uuid,
	"direction" text NOT NULL,
	"inbound_id" uuid,
	"outbound_id" uuid,
	"rule" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "email_message_ids_workspace_id_message_id_pk" PRIMARY KEY("workspace_id","message_id"),
	CONSTRAINT "email_message_ids_direction" CHECK ("email_message_ids"."direction" in ('in','out'))
);
--> statement-breakpoint
CREATE TABLE "email_participants" (
	"workspace_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "email_participants_ticket_id_email_pk" PRIMARY KEY("ticket_id","email")
);
--> statement-breakpoint
CREATE TABLE "inbound_emails" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"mailbox_id" uuid,
	"source" text NOT NULL,
	"raw" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"envelope_from" text,
	"envelope_to" text[] DEFAULT '{}'::text[] NOT NULL,
	"message_id" text,
	"imap_uid_validity" bigint,
	"imap_uid" bigint,
	"status" text DEFAULT 'received' NOT NULL,
	"decision" jsonb,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"ticket_id" uuid,
	"entry_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "inbound_source" CHECK ("inbound_emails"."source" in ('smtp','imap','http','cli','api')),
	CONSTRAINT "inbound_status" CHECK ("inbound_emails"."status" in ('received','processed','ignored','duplicate','failed'))
);
--> statement-breakpoint
CREATE TABLE "mailboxes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"address" text NOT NULL,
	"display_name" text,
	"team_id" uuid,
	"enabled" boolean DEFAULT true NOT NULL,
	"imap" jsonb,
	"imap_secret" text,
	"imap_uid_validity" bigint,
	"imap_last_uid" bigint DEFAULT 0 NOT NULL,
	"imap_next_poll_at" timestamp with time zone,
	"last_polled_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"inbound_secret_hash" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_emails" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"ticket_id" uuid,
	"entry_id" uuid,
	"kind" text NOT NULL,
	"dedupe_key" text,
	"from_address" text NOT NULL,
	"from_name" text,
	"to" text[] NOT NULL,
	"cc" text[] DEFAULT '{}'::text[] NOT NULL,
	"reply_to" text,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text,
	"message_id" text NOT NULL,
	"in_reply_to" text,
	"references" text[] DEFAULT '{}'::text[] NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"smtp_response" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbound_kind" CHECK ("outbound_emails"."kind" in ('reply','notification','automation','system')),
	CONSTRAINT "outbound_status" CHECK ("outbound_emails"."status" in ('queued','sending','sent','failed'))
);
--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD COLUMN "email" jsonb;--> statement-breakpoint
ALTER TABLE "blobs" ADD CONSTRAINT "blobs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_message_ids" ADD CONSTRAINT "email_message_ids_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_message_ids" ADD CONSTRAINT "email_message_ids_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_participants" ADD CONSTRAINT "email_participants_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_participants" ADD CONSTRAINT "email_participants_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "blobs_ws_sha" ON "blobs" USING btree ("workspace_id","sha256");--> statement-breakpoint
CREATE INDEX "email_message_ids_ticket" ON "email_message_ids" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "inbound_due" ON "inbound_emails" USING btree ("next_attempt_at") WHERE "inbound_emails"."status" = 'received';--> statement-breakpoint
CREATE INDEX "inbound_ws_status" ON "inbound_emails" USING btree ("workspace_id","status","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_imap_uid" ON "inbound_emails" USING btree ("mailbox_id","imap_uid_validity","imap_uid") WHERE "inbound_emails"."imap_uid" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_address" ON "mailboxes" USING btree ("address");--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_inbound_secret" ON "mailboxes" USING btree ("inbound_secret_hash");--> statement-breakpoint
CREATE INDEX "mailboxes_ws" ON "mailboxes" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "mailboxes_poll_due" ON "mailboxes" USING btree ("imap_next_poll_at") WHERE "mailboxes"."imap" is not null and "mailboxes"."enabled";--> statement-breakpoint
CREATE INDEX "outbound_due" ON "outbound_emails" USING btree ("next_attempt_at") WHERE "outbound_emails"."status" in ('queued','sending');--> statement-breakpoint
CREATE INDEX "outbound_ticket" ON "outbound_emails" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_dedupe" ON "outbound_emails" USING btree ("workspace_id","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_message_id" ON "outbound_emails" USING btree ("workspace_id","message_id");