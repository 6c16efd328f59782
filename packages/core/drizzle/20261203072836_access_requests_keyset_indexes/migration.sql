DROP INDEX "access_requests_app_id_idx";--> statement-breakpoint
DROP INDEX "access_requests_status_created_at_idx";--> statement-breakpoint
CREATE INDEX "access_requests_created_at_id_idx" ON "access_requests" ("created_at","id");--> statement-breakpoint
CREATE INDEX "access_requests_status_created_at_id_idx" ON "access_requests" ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "access_requests_app_id_created_at_id_idx" ON "access_requests" ("app_id","created_at","id");