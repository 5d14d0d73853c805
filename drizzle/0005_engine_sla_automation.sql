CREATE TABLE "automation_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"trigger" jsonb NOT NULL,
	"condition" text DEFAULT '' NOT NULL,
	"actions" jsonb NOT NULL,
	"once_per_ticket" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendars" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"hours" jsonb NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_firings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"rule_id" uuid,
	"rule_name" text NOT NULL,
	"ticket_id" uuid NOT NULL,
	"event_id" uuid,
	"depth" smallint DEFAULT 0 NOT NULL,
	"outcome" jsonb NOT NULL,
	"fired_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_schedules" (
	"rule_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"anchor_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone,
	CONSTRAINT "rule_schedules_rule_id_ticket_id_pk" PRIMARY KEY("rule_id","ticket_id")
);
--> statement-breakpoint
CREATE TABLE "rule_stats" (
	"rule_id" uuid PRIMARY KEY NOT NULL,
	"fire_count" integer DEFAULT 0 NOT NULL,
	"last_fired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"condition" text DEFAULT '' NOT NULL,
	"calendar_id" uuid,
	"targets" jsonb NOT NULL,
	"pause_statuses" text[] DEFAULT '{pending_customer,on_hold}'::text[] NOT NULL,
	"warning_share" double precision DEFAULT 0.8 NOT NULL,
	"escalations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sla_policies_warning_share" CHECK ("sla_policies"."warning_share" > 0 and "sla_policies"."warning_share" < 1)
);
--> statement-breakpoint
CREATE TABLE "ticket_sla_clocks" (
	"ticket_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"policy_id" uuid,
	"target_ms" bigint NOT NULL,
	"business" boolean NOT NULL,
	"calendar_id" uuid,
	"state" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"resumed_at" timestamp with time zone NOT NULL,
	"consumed_ms" bigint DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone,
	"warn_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"met_at" timestamp with time zone,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"next_check_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_sla_clocks_ticket_id_metric_pk" PRIMARY KEY("ticket_id","metric"),
	CONSTRAINT "sla_clocks_metric" CHECK ("ticket_sla_clocks"."metric" in ('first_response','next_response','resolution')),
	CONSTRAINT "sla_clocks_state" CHECK ("ticket_sla_clocks"."state" in ('running','paused','stopped'))
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "capacity" integer;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "availability" text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "away_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "tier" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "strategy" text DEFAULT 'least_loaded' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "last_assigned_agent_id" uuid;--> statement-breakpoint
ALTER TABLE "automation_rules" ADD CONSTRAINT "automation_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendars" ADD CONSTRAINT "calendars_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_firings" ADD CONSTRAINT "rule_firings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_firings" ADD CONSTRAINT "rule_firings_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_firings" ADD CONSTRAINT "rule_firings_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_schedules" ADD CONSTRAINT "rule_schedules_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_schedules" ADD CONSTRAINT "rule_schedules_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_schedules" ADD CONSTRAINT "rule_schedules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_stats" ADD CONSTRAINT "rule_stats_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_calendar_id_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla_clocks" ADD CONSTRAINT "ticket_sla_clocks_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla_clocks" ADD CONSTRAINT "ticket_sla_clocks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla_clocks" ADD CONSTRAINT "ticket_sla_clocks_policy_id_sla_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla_clocks" ADD CONSTRAINT "ticket_sla_clocks_calendar_id_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "automation_rules_ws_name" ON "automation_rules" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "automation_rules_ws_position" ON "automation_rules" USING btree ("workspace_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "calendars_ws_name" ON "calendars" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "calendars_ws_default" ON "calendars" USING btree ("workspace_id") WHERE "calendars"."is_default";--> statement-breakpoint
CREATE INDEX "rule_firings_rule_ticket" ON "rule_firings" USING btree ("rule_id","ticket_id");--> statement-breakpoint
CREATE INDEX "rule_firings_ws_time" ON "rule_firings" USING btree ("workspace_id","fired_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_firings_once_per_event" ON "rule_firings" USING btree ("rule_id","ticket_id","event_id") WHERE "rule_firings"."event_id" is not null;--> statement-breakpoint
CREATE INDEX "rule_schedules_due" ON "rule_schedules" USING btree ("due_at") WHERE "rule_schedules"."fired_at" is null;--> statement-breakpoint
CREATE INDEX "rule_schedules_ticket" ON "rule_schedules" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_ws_name" ON "sla_policies" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "sla_policies_ws_position" ON "sla_policies" USING btree ("workspace_id","position");--> statement-breakpoint
CREATE INDEX "sla_clocks_next_check" ON "ticket_sla_clocks" USING btree ("next_check_at") WHERE "ticket_sla_clocks"."next_check_at" is not null;--> statement-breakpoint
CREATE INDEX "sla_clocks_policy" ON "ticket_sla_clocks" USING btree ("policy_id");--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_availability" CHECK ("agents"."availability" in ('online', 'away', 'offline', 'out_of_office'));--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_capacity" CHECK ("agents"."capacity" is null or "agents"."capacity" >= 0);--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_strategy" CHECK ("teams"."strategy" in ('round_robin', 'least_loaded', 'skill_match'));