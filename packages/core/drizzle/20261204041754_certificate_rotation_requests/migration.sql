ALTER TABLE "certificate_rotations" ADD COLUMN "requested_pem" text;--> statement-breakpoint
ALTER TABLE "certificate_rotations" ALTER COLUMN "to_certificate_id" DROP NOT NULL;--> statement-breakpoint
DROP INDEX "certificate_rotations_one_active_per_from_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_rotations_one_active_per_from_idx" ON "certificate_rotations" ("from_certificate_id") WHERE "status" IN ('REQUESTED', 'OVERLAP');--> statement-breakpoint
ALTER TABLE "certificate_rotations" ADD CONSTRAINT "certificate_rotations_to_known" CHECK (("status" <> 'REQUESTED' OR ("to_certificate_id" IS NULL AND "requested_pem" IS NOT NULL))
        AND ("status" NOT IN ('OVERLAP', 'COMPLETED') OR "to_certificate_id" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "certificate_rotations" DROP CONSTRAINT "certificate_rotations_status_valid", ADD CONSTRAINT "certificate_rotations_status_valid" CHECK ("status" IN ('REQUESTED', 'OVERLAP', 'COMPLETED', 'CANCELLED'));