CREATE TABLE "custom_field_definitions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"type" text NOT NULL,
	"options" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "custom_fields_type" CHECK ("custom_field_definitions"."type" in ('text','number','date','boolean','select'))
);
--> statement-breakpoint
CREATE TABLE "ticket_vocabulary" (
	"workspace_id" uuid NOT NULL,
	"field" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "ticket_vocabulary_workspace_id_field_value_pk" PRIMARY KEY("workspace_id","field","value"),
	CONSTRAINT "ticket_vocabulary_field" CHECK ("ticket_vocabulary"."field" in ('tag','category','type'))
);
--> statement-breakpoint
CREATE TABLE "views" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"visibility" text DEFAULT 'personal' NOT NULL,
	"team_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"display" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "views_visibility" CHECK ("views"."visibility" in ('personal','team','workspace')),
	CONSTRAINT "views_team" CHECK (("views"."visibility" = 'team') = ("views"."team_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "search_language" text DEFAULT 'english' NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "attachment_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "custom_field_definitions" ADD CONSTRAINT "custom_field_definitions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_vocabulary" ADD CONSTRAINT "ticket_vocabulary_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "views" ADD CONSTRAINT "views_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "views" ADD CONSTRAINT "views_owner_id_agents_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "views" ADD CONSTRAINT "views_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "custom_fields_ws_key" ON "custom_field_definitions" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "views_ws_owner_name" ON "views" USING btree ("workspace_id","owner_id","name");--> statement-breakpoint
CREATE INDEX "views_ws_visibility" ON "views" USING btree ("workspace_id","visibility");--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- Full-text search columns live only in SQL: drizzle selects never fetch them (see schema/tickets.ts).
ALTER TABLE "tickets" ADD COLUMN "search" tsvector;--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD COLUMN "search" tsvector;--> statement-breakpoint
CREATE FUNCTION helpline_search_config(ws uuid) RETURNS regconfig LANGUAGE plpgsql STABLE AS $$
DECLARE cfg regconfig;
BEGIN
  SELECT w.search_language::regconfig INTO cfg FROM workspaces w WHERE w.id = ws;
  RETURN coalesce(cfg, 'english'::regconfig);
END $$;--> statement-breakpoint
-- Subject weighs more than the description (A above B); long texts are indexed up to 100,000 characters.
CREATE FUNCTION tickets_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE cfg regconfig := helpline_search_config(NEW.workspace_id);
BEGIN
  NEW.search := setweight(to_tsvector(cfg, NEW.subject), 'A') || setweight(to_tsvector(cfg, left(NEW.description, 100000)), 'B');
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER tickets_search BEFORE INSERT OR UPDATE OF subject, description ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_search_vector();--> statement-breakpoint
-- Messages and internal notes are searchable; system events are not.
CREATE FUNCTION timeline_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind IN ('message', 'note') AND NEW.body <> '' THEN
    NEW.search := to_tsvector(helpline_search_config(NEW.workspace_id), left(NEW.body, 100000));
  ELSE
    NEW.search := NULL;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER timeline_search BEFORE INSERT OR UPDATE OF body, kind ON timeline_entries FOR EACH ROW EXECUTE FUNCTION timeline_search_vector();--> statement-breakpoint
-- Tags, categories and types for autocomplete; sorted so two new values never deadlock two writers.
CREATE FUNCTION tickets_vocabulary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ticket_vocabulary (workspace_id, field, value)
  SELECT NEW.workspace_id, v.field, v.value FROM (
    SELECT 'tag' AS field, unnest(NEW.tags) AS value
    UNION SELECT 'category', NEW.category WHERE NEW.category IS NOT NULL
    UNION SELECT 'type', NEW.type
  ) v ORDER BY v.field, v.value
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tickets_vocabulary AFTER INSERT OR UPDATE OF tags, category, type ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_vocabulary();--> statement-breakpoint
UPDATE tickets SET search = setweight(to_tsvector(helpline_search_config(workspace_id), subject), 'A') || setweight(to_tsvector(helpline_search_config(workspace_id), left(description, 100000)), 'B');--> statement-breakpoint
UPDATE timeline_entries SET search = to_tsvector(helpline_search_config(workspace_id), left(body, 100000)) WHERE kind IN ('message', 'note') AND body <> '';--> statement-breakpoint
UPDATE tickets t SET attachment_count = a.n FROM (SELECT ticket_id, sum(jsonb_array_length(attachments))::int AS n FROM timeline_entries GROUP BY ticket_id) a WHERE a.ticket_id = t.id AND a.n > 0;--> statement-breakpoint
INSERT INTO ticket_vocabulary (workspace_id, field, value)
  SELECT DISTINCT workspace_id, 'tag', unnest(tags) FROM tickets
  UNION SELECT DISTINCT workspace_id, 'category', category FROM tickets WHERE category IS NOT NULL
  UNION SELECT DISTINCT workspace_id, 'type', type FROM tickets
  ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE INDEX tickets_search ON tickets USING gin (search);--> statement-breakpoint
CREATE INDEX timeline_search ON timeline_entries USING gin (search) WHERE search IS NOT NULL;--> statement-breakpoint
CREATE INDEX customers_email_trgm ON customers USING gin (lower(email) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX customers_name_trgm ON customers USING gin (lower(name) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX companies_name_trgm ON companies USING gin (lower(name) gin_trgm_ops);
