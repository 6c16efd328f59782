CREATE TABLE "certificate_rotations" (
	"id" text PRIMARY KEY,
	"from_certificate_id" text NOT NULL,
	"to_certificate_id" text NOT NULL,
	"created_to" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'OVERLAP' NOT NULL,
	"access_request_ids" jsonb DEFAULT '[]' NOT NULL,
	"added_to_request_ids" jsonb DEFAULT '[]' NOT NULL,
	"organisation_ids" jsonb DEFAULT '[]' NOT NULL,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_rotations_status_valid" CHECK ("status" IN ('OVERLAP', 'COMPLETED', 'CANCELLED'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_rotations_one_active_per_from_idx" ON "certificate_rotations" ("from_certificate_id") WHERE "status" = 'OVERLAP';--> statement-breakpoint
CREATE INDEX "certificate_rotations_to_idx" ON "certificate_rotations" ("to_certificate_id");--> statement-breakpoint
ALTER TABLE "certificate_rotations" ADD CONSTRAINT "certificate_rotations_from_certificate_id_certificates_id_fkey" FOREIGN KEY ("from_certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "certificate_rotations" ADD CONSTRAINT "certificate_rotations_to_certificate_id_certificates_id_fkey" FOREIGN KEY ("to_certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT;