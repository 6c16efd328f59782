ALTER TABLE "sync_runs" ADD COLUMN "pages_fetched" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "pages_total" integer;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_pages_non_negative" CHECK ("pages_fetched" >= 0 AND ("pages_total" IS NULL OR "pages_total" >= 0));