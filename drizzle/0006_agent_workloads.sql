CREATE TABLE "agent_workloads" (
	"agent_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"open_count" integer DEFAULT 0 NOT NULL,
	"last_assigned_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agent_workloads" ADD CONSTRAINT "agent_workloads_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Workloads follow every write to tickets. Statement-level triggers with transition tables:
-- a bulk insert updates each agent's row once, and rows are touched in agent order so two
-- concurrent statements cannot deadlock on them. Active statuses = ACTIVE_STATUS_SQL.
CREATE FUNCTION agent_workloads_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO agent_workloads AS w (agent_id, workspace_id, open_count, last_assigned_at)
  SELECT assignee_id, workspace_id,
         count(*) FILTER (WHERE status IN ('open','in_progress','on_hold','review','pending_customer'))::int,
         max(created_at)
    FROM new_rows WHERE assignee_id IS NOT NULL
   GROUP BY assignee_id, workspace_id
   ORDER BY assignee_id
  ON CONFLICT (agent_id) DO UPDATE
     SET open_count = w.open_count + excluded.open_count,
         last_assigned_at = greatest(w.last_assigned_at, excluded.last_assigned_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION agent_workloads_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH pairs AS (
    SELECT o.assignee_id AS old_agent, n.assignee_id AS new_agent, n.workspace_id, n.updated_at,
           o.status IN ('open','in_progress','on_hold','review','pending_customer') AS old_active,
           n.status IN ('open','in_progress','on_hold','review','pending_customer') AS new_active
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE o.assignee_id IS DISTINCT FROM n.assignee_id OR o.status IS DISTINCT FROM n.status
  ), delta AS (
    SELECT old_agent AS agent_id, workspace_id, -1 AS d, NULL::timestamptz AS at FROM pairs
     WHERE old_agent IS NOT NULL AND old_active AND (new_agent IS DISTINCT FROM old_agent OR NOT new_active)
    UNION ALL
    SELECT new_agent, workspace_id, 1, NULL::timestamptz FROM pairs
     WHERE new_agent IS NOT NULL AND new_active AND (new_agent IS DISTINCT FROM old_agent OR NOT old_active)
    UNION ALL
    SELECT new_agent, workspace_id, 0, updated_at FROM pairs
     WHERE new_agent IS NOT NULL AND new_agent IS DISTINCT FROM old_agent
  ), agg AS (
    SELECT agent_id, workspace_id, sum(d)::int AS d, max(at) AS at FROM delta GROUP BY agent_id, workspace_id
  )
  INSERT INTO agent_workloads AS w (agent_id, workspace_id, open_count, last_assigned_at)
  SELECT agent_id, workspace_id, d, at FROM agg WHERE d <> 0 OR at IS NOT NULL ORDER BY agent_id
  ON CONFLICT (agent_id) DO UPDATE
     SET open_count = w.open_count + excluded.open_count,
         last_assigned_at = greatest(w.last_assigned_at, excluded.last_assigned_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION agent_workloads_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE agent_workloads w SET open_count = w.open_count - g.n
    FROM (SELECT assignee_id, count(*)::int AS n FROM old_rows
           WHERE assignee_id IS NOT NULL AND status IN ('open','in_progress','on_hold','review','pending_customer')
           GROUP BY assignee_id) g
   WHERE w.agent_id = g.assignee_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agent_workloads_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agent_workloads_after_insert();
--> statement-breakpoint
CREATE TRIGGER agent_workloads_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agent_workloads_after_update();
--> statement-breakpoint
CREATE TRIGGER agent_workloads_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agent_workloads_after_delete();
--> statement-breakpoint
INSERT INTO agent_workloads (agent_id, workspace_id, open_count, last_assigned_at)
SELECT assignee_id, workspace_id,
       count(*) FILTER (WHERE status IN ('open','in_progress','on_hold','review','pending_customer'))::int,
       max(created_at)
  FROM tickets WHERE assignee_id IS NOT NULL
 GROUP BY assignee_id, workspace_id;
