-- Before the index: where an app already has several PENDING requests for one product, the newest
-- stays PENDING and the older ones are rejected with a reason an admin and the consumer can read.
UPDATE "access_requests" AS "older"
SET "status" = 'REJECTED',
    "reject_reason" = 'Superseded by a newer pending request for the same app and product.',
    "decided_at" = now(),
    "updated_at" = now(),
    "version" = "older"."version" + 1
WHERE "older"."status" = 'PENDING'
  AND EXISTS (
    SELECT 1 FROM "access_requests" AS "newer"
    WHERE "newer"."status" = 'PENDING'
      AND "newer"."app_id" = "older"."app_id"
      AND "newer"."product_id" = "older"."product_id"
      AND ("newer"."created_at", "newer"."id") > ("older"."created_at", "older"."id")
  );
--> statement-breakpoint
CREATE UNIQUE INDEX "access_requests_one_pending_per_app_product_idx" ON "access_requests" ("app_id","product_id") WHERE "status" = 'PENDING';
