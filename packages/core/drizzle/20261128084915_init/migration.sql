CREATE TABLE "access_request_certificates" (
	"access_request_id" text,
	"certificate_id" text,
	"provisioned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_request_certificates_pkey" PRIMARY KEY("access_request_id","certificate_id")
);
--> statement-breakpoint
CREATE TABLE "access_requests" (
	"id" text PRIMARY KEY,
	"app_id" text NOT NULL,
	"product_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"certificate_id" text,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"failed_step" text,
	"failure_reason" text,
	"reject_reason" text,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_requests_status_valid" CHECK ("status" IN ('PENDING', 'PROVISIONING', 'APPROVED', 'REJECTED', 'FAILED', 'REVOKED')),
	CONSTRAINT "access_requests_failed_step_valid" CHECK ("failed_step" IN ('RESOLVE_CERTIFICATES', 'UPDATE_ALLOW_LISTS', 'CREATE_KEY', 'STORE_CREDENTIAL')),
	CONSTRAINT "access_requests_failure_iff_failed" CHECK (("status" = 'FAILED') = ("failed_step" IS NOT NULL AND "failure_reason" IS NOT NULL)),
	CONSTRAINT "access_requests_rejected_has_reason" CHECK ("status" <> 'REJECTED' OR "reject_reason" IS NOT NULL),
	CONSTRAINT "access_requests_counters_valid" CHECK ("version" >= 1 AND "attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "apps" (
	"id" text PRIMARY KEY,
	"owner_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "apps_organisation_id_name_unique" UNIQUE("organisation_id","name")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" text PRIMARY KEY,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_organisations" (
	"certificate_id" text,
	"organisation_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_organisations_pkey" PRIMARY KEY("certificate_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" text PRIMARY KEY,
	"provider_id" text NOT NULL,
	"tyk_id" text NOT NULL,
	"name" text,
	"source" text NOT NULL,
	"sha256" text NOT NULL,
	"sha1" text,
	"x5t_s256" text NOT NULL,
	"subject_dn" text,
	"subject_cn" text,
	"issuer_dn" text,
	"issuer_cn" text,
	"serial_number" text,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"is_ca" boolean NOT NULL,
	"has_private_key" boolean DEFAULT false NOT NULL,
	"subject_alt_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"key_algorithm" text,
	"signature_algorithm" text,
	"lint_warnings" jsonb DEFAULT '[]' NOT NULL,
	"metadata" jsonb DEFAULT '{}' NOT NULL,
	"pem" text,
	"registered_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_provider_id_tyk_id_unique" UNIQUE("provider_id","tyk_id"),
	CONSTRAINT "certificates_source_valid" CHECK ("source" IN ('PORTAL', 'DASHBOARD')),
	CONSTRAINT "certificates_sha256_hex" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "certificates_sha1_hex" CHECK ("sha1" IS NULL OR "sha1" ~ '^[0-9a-f]{40}$'),
	CONSTRAINT "certificates_tyk_id_ends_with_sha256" CHECK (right("tyk_id", 64) = "sha256"),
	CONSTRAINT "certificates_portal_rows_fully_described" CHECK ("source" <> 'PORTAL' OR num_nulls("sha1", "subject_dn", "issuer_dn", "serial_number", "key_algorithm", "signature_algorithm") = 0),
	CONSTRAINT "certificates_validity_ordered" CHECK ("not_before" <= "not_after")
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" text PRIMARY KEY,
	"access_request_id" text NOT NULL,
	"dashboard_key_id" text NOT NULL,
	"key_hash" text,
	"token_ciphertext" text NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" text,
	"locked_at" timestamp with time zone,
	"last_error" text,
	"dedupe_key" text UNIQUE,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_status_valid" CHECK ("status" IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
	CONSTRAINT "jobs_locked_iff_running" CHECK (("status" = 'RUNNING') = ("locked_by" IS NOT NULL AND "locked_at" IS NOT NULL)),
	CONSTRAINT "jobs_attempts_valid" CHECK ("attempts" >= 0 AND "max_attempts" >= 1)
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" text PRIMARY KEY,
	"name" text NOT NULL UNIQUE,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" text PRIMARY KEY,
	"name" text NOT NULL UNIQUE,
	"rate" double precision NOT NULL,
	"per" double precision NOT NULL,
	"quota_max" bigint DEFAULT -1 NOT NULL,
	"quota_renewal_rate" bigint DEFAULT -1 NOT NULL,
	"key_lifetime_seconds" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_rate_positive" CHECK ("rate" > 0 AND "per" > 0),
	CONSTRAINT "plans_quota_valid" CHECK ("quota_max" >= -1 AND "quota_renewal_rate" >= -1),
	CONSTRAINT "plans_key_lifetime_non_negative" CHECK ("key_lifetime_seconds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "product_apis" (
	"product_id" text,
	"api_id" text,
	"api_kind" text NOT NULL,
	"api_name" text,
	CONSTRAINT "product_apis_pkey" PRIMARY KEY("product_id","api_id"),
	CONSTRAINT "product_apis_api_kind_valid" CHECK ("api_kind" IN ('CLASSIC', 'OAS'))
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" text PRIMARY KEY,
	"provider_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"auth_type" text NOT NULL,
	"certificate_mode" text,
	"bind_certificate_to_token" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_provider_id_name_unique" UNIQUE("provider_id","name"),
	CONSTRAINT "products_auth_type_valid" CHECK ("auth_type" IN ('AUTH_TOKEN_MTLS', 'JWT_MTLS', 'AUTH_TOKEN', 'JWT', 'OTHER')),
	CONSTRAINT "products_certificate_mode_only_for_auth_token_mtls" CHECK (("auth_type" = 'AUTH_TOKEN_MTLS') = ("certificate_mode" IS NOT NULL)),
	CONSTRAINT "products_certificate_mode_valid" CHECK ("certificate_mode" IN ('MANAGED', 'SELF_SERVE')),
	CONSTRAINT "products_binding_only_for_auth_token_mtls" CHECK (NOT "bind_certificate_to_token" OR "auth_type" = 'AUTH_TOKEN_MTLS')
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" text PRIMARY KEY,
	"name" text NOT NULL UNIQUE,
	"dashboard_url" text NOT NULL,
	"org_id" text NOT NULL,
	"gateway_url" text,
	"api_key_ciphertext" text NOT NULL,
	"request_timeout_ms" integer DEFAULT 10000 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "providers_request_timeout_ms_positive" CHECK ("request_timeout_ms" > 0)
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" text PRIMARY KEY,
	"provider_id" text NOT NULL,
	"status" text DEFAULT 'RUNNING' NOT NULL,
	"trigger" text NOT NULL,
	"added" integer DEFAULT 0 NOT NULL,
	"restored" integer DEFAULT 0 NOT NULL,
	"soft_deleted" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"held_plan" jsonb,
	CONSTRAINT "sync_runs_status_valid" CHECK ("status" IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'HELD', 'DISCARDED')),
	CONSTRAINT "sync_runs_trigger_valid" CHECK ("trigger" IN ('SCHEDULE', 'MANUAL')),
	CONSTRAINT "sync_runs_counts_non_negative" CHECK ("added" >= 0 AND "restored" >= 0 AND "soft_deleted" >= 0 AND "unchanged" >= 0),
	CONSTRAINT "sync_runs_failed_has_error" CHECK ("status" <> 'FAILED' OR "error" IS NOT NULL),
	CONSTRAINT "sync_runs_held_has_plan" CHECK ("status" <> 'HELD' OR "held_plan" IS NOT NULL),
	CONSTRAINT "sync_runs_finished_when_final" CHECK (("status" IN ('SUCCEEDED', 'FAILED', 'DISCARDED')) = ("finished_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY,
	"role" text NOT NULL,
	"organisation_id" text,
	"name" text NOT NULL,
	"token_hash" text NOT NULL UNIQUE,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_id_organisation_id_unique" UNIQUE("id","organisation_id"),
	CONSTRAINT "users_role_valid" CHECK ("role" IN ('ADMIN', 'CONSUMER')),
	CONSTRAINT "users_consumer_has_organisation" CHECK ("role" <> 'CONSUMER' OR "organisation_id" IS NOT NULL),
	CONSTRAINT "users_token_hash_sha256" CHECK ("token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE INDEX "access_request_certificates_certificate_id_idx" ON "access_request_certificates" ("certificate_id");--> statement-breakpoint
CREATE INDEX "access_requests_app_id_idx" ON "access_requests" ("app_id");--> statement-breakpoint
CREATE INDEX "access_requests_product_id_status_idx" ON "access_requests" ("product_id","status");--> statement-breakpoint
CREATE INDEX "access_requests_status_created_at_idx" ON "access_requests" ("status","created_at");--> statement-breakpoint
CREATE INDEX "access_requests_certificate_id_idx" ON "access_requests" ("certificate_id");--> statement-breakpoint
CREATE INDEX "apps_owner_id_idx" ON "apps" ("owner_id");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" ("subject_type","subject_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" ("at");--> statement-breakpoint
CREATE INDEX "certificate_organisations_organisation_id_idx" ON "certificate_organisations" ("organisation_id");--> statement-breakpoint
CREATE INDEX "certificates_live_not_after_idx" ON "certificates" ("not_after","id") WHERE "deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "certificates_sha256_idx" ON "certificates" ("sha256");--> statement-breakpoint
CREATE INDEX "certificates_sha1_idx" ON "certificates" ("sha1");--> statement-breakpoint
CREATE INDEX "certificates_subject_cn_search_idx" ON "certificates" (lower("subject_cn") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "certificates_name_search_idx" ON "certificates" (lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "certificates_subject_alt_names_idx" ON "certificates" USING gin ("subject_alt_names");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_one_live_per_access_request" ON "credentials" ("access_request_id") WHERE "revoked_at" IS NULL;--> statement-breakpoint
CREATE INDEX "credentials_dashboard_key_id_idx" ON "credentials" ("dashboard_key_id");--> statement-breakpoint
CREATE INDEX "jobs_pending_run_after_idx" ON "jobs" ("run_after","id") WHERE "status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "jobs_running_locked_at_idx" ON "jobs" ("locked_at") WHERE "status" = 'RUNNING';--> statement-breakpoint
CREATE INDEX "product_apis_api_id_idx" ON "product_apis" ("api_id");--> statement-breakpoint
CREATE INDEX "sync_runs_provider_id_started_at_idx" ON "sync_runs" ("provider_id","started_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "access_request_certificates" ADD CONSTRAINT "access_request_certificates_tdDN8PylwvtI_fkey" FOREIGN KEY ("access_request_id") REFERENCES "access_requests"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "access_request_certificates" ADD CONSTRAINT "access_request_certificates_certificate_id_certificates_id_fkey" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_app_id_apps_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_product_id_products_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_plan_id_plans_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_certificate_id_certificates_id_fkey" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_decided_by_id_users_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "apps" ADD CONSTRAINT "apps_organisation_id_organisations_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "apps" ADD CONSTRAINT "apps_owner_in_organisation_fk" FOREIGN KEY ("owner_id","organisation_id") REFERENCES "users"("id","organisation_id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "certificate_organisations" ADD CONSTRAINT "certificate_organisations_certificate_id_certificates_id_fkey" FOREIGN KEY ("certificate_id") REFERENCES "certificates"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "certificate_organisations" ADD CONSTRAINT "certificate_organisations_organisation_id_organisations_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_provider_id_providers_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_access_request_id_access_requests_id_fkey" FOREIGN KEY ("access_request_id") REFERENCES "access_requests"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "product_apis" ADD CONSTRAINT "product_apis_product_id_products_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_provider_id_providers_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_provider_id_providers_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT;