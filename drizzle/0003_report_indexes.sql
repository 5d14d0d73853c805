DROP INDEX "tickets_ws_created";--> statement-breakpoint
DROP INDEX "tickets_ws_resolved";--> statement-breakpoint
CREATE INDEX "tickets_open_by_assignee" ON "tickets" USING btree ("workspace_id","assignee_id") WHERE "tickets"."status" in ('open','in_progress','on_hold','review','pending_customer');--> statement-breakpoint
CREATE INDEX "tickets_ws_created" ON "tickets" USING btree ("workspace_id","created_at","priority");--> statement-breakpoint
CREATE INDEX "tickets_ws_resolved" ON "tickets" USING btree ("workspace_id","resolved_at","priority","created_at");