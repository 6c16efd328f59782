-- Every change of an access request's status is announced on the `access_request_status` channel
-- with the request's id, on commit only (NOTIFY is transactional), whichever code path made it:
-- the accessRequestStatus subscriptions of every replica wait on it instead of polling.
CREATE OR REPLACE FUNCTION notify_access_request_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('access_request_status', NEW.id);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER access_requests_status_notify
  AFTER UPDATE OF status ON access_requests
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION notify_access_request_status();
