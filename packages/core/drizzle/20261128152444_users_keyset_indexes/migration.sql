CREATE INDEX "users_name_id_idx" ON "users" ("name","id");--> statement-breakpoint
CREATE INDEX "users_organisation_id_name_id_idx" ON "users" ("organisation_id","name","id");