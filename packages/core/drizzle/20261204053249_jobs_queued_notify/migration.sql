-- Every statement that queues jobs (or asks a finished one to run again) announces it on the
-- `jobs_queued` channel, on commit only (NOTIFY is transactional), whichever code path queued them:
-- an approval, a certificate change, a sync's soft delete, an expiry scan, a webhook event. The
-- provisioning worker of every replica wakes on it instead of waiting for its next poll.
CREATE OR REPLACE FUNCTION notify_jobs_queued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('jobs_queued', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER jobs_queued_notify
  AFTER INSERT ON jobs
  FOR EACH STATEMENT
  EXECUTE FUNCTION notify_jobs_queued();
