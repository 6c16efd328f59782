CREATE TABLE "allow_list_entries" (
	"provider_id" text,
	"api_id" text,
	"tyk_id" text,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allow_list_entries_pkey" PRIMARY KEY("provider_id","api_id","tyk_id")
);
--> statement-breakpoint
DROP INDEX "credentials_dashboard_key_id_idx";--> statement-breakpoint
ALTER TABLE "access_requests" ADD COLUMN "access_lost_reason" text;--> statement-breakpoint
ALTER TABLE "access_requests" ADD COLUMN "access_lost_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "access_requests" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certificate_organisations" ADD COLUMN "trusted_issuer" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "certificate_organisations" ADD COLUMN "granted_by_request_id" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "rerun" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "credentials" DROP COLUMN "dashboard_key_id";--> statement-breakpoint
ALTER TABLE "allow_list_entries" ADD CONSTRAINT "allow_list_entries_provider_id_providers_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_access_lost_reason_valid" CHECK ("access_lost_reason" IN ('CERTIFICATE_DELETED', 'CERTIFICATE_EXPIRED', 'CERTIFICATE_NOT_YET_VALID', 'CERTIFICATE_LEFT_ORGANISATION'));--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_access_lost_pair" CHECK (("access_lost_reason" IS NULL) = ("access_lost_at" IS NULL));--> statement-breakpoint
UPDATE "access_requests" SET "revoked_at" = "updated_at" WHERE "status" = 'REVOKED';--> statement-breakpoint
-- Entries placed before this migration: approvals added their certificates, so the portal owns them.
INSERT INTO "allow_list_entries" ("provider_id", "api_id", "tyk_id")
SELECT DISTINCT p."provider_id", pa."api_id", c."tyk_id"
FROM "access_requests" r
JOIN "access_request_certificates" arc ON arc."access_request_id" = r."id"
JOIN "certificates" c ON c."id" = arc."certificate_id"
JOIN "products" p ON p."id" = r."product_id"
JOIN "product_apis" pa ON pa."product_id" = p."id"
WHERE p."auth_type" = 'AUTH_TOKEN_MTLS' AND r."status" IN ('APPROVED', 'PROVISIONING', 'FAILED');--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_revoked_at_iff_revoked" CHECK (("status" = 'REVOKED') = ("revoked_at" IS NOT NULL));