DROP INDEX "sync_runs_provider_id_started_at_idx";--> statement-breakpoint
CREATE INDEX "sync_runs_provider_id_started_at_id_idx" ON "sync_runs" ("provider_id","started_at","id");--> statement-breakpoint
CREATE INDEX "sync_runs_started_at_id_idx" ON "sync_runs" ("started_at","id");