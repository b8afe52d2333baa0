-- Live monitoring: every statement that appends call events wakes the api processes that LISTEN on
-- koe_call_events. One notification per statement (the bridge inserts in batches); the payload is
-- empty because the listener reads the log itself. Subscribers also poll, so a lost notification
-- (or PGlite, whose socket does not carry them) only delays delivery.
CREATE FUNCTION "koe_notify_call_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('koe_call_events', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER "CallEvent_notify_insert"
  AFTER INSERT ON "CallEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "koe_notify_call_events"();
