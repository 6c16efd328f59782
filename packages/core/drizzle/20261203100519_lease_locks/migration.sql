CREATE TABLE "lease_locks" (
	"key" text PRIMARY KEY,
	"owner" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
