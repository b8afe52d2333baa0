-- A call takes one of its company's lines in one statement (`admitCallWithinCapacity`): the
-- company's row stays locked only inside the database, for the count and the insert, never across
-- the client's round trips. A client transaction held it for three of them; on a busy bridge each
-- waits for the event loop, and a burst of calls queued behind the lock past their webhook's time.
--
-- A live call is active, or initiated or ringing since `ring_cutoff` (older ones lost their status
-- callback and hold no line). `call` is the new row as JSON, one key per column (what Prisma's
-- flat create input names); columns left out take their defaults. Returns the new row's id, or
-- null when every line is taken.
CREATE FUNCTION "koe_admit_call"(company uuid, ring_cutoff timestamptz, call jsonb) RETURNS uuid
LANGUAGE plpgsql AS $$
DECLARE
  lines integer;
  admitted uuid;
BEGIN
  SELECT "maxConcurrentCalls" INTO lines FROM "Company" WHERE "id" = company FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no company %', company;
  END IF;
  -- A new statement, so a new snapshot: it sees every call admitted before the lock was ours.
  IF (SELECT count(*) FROM "CallSession"
      WHERE "companyId" = company
        AND ("status" = 'active' OR ("status" IN ('initiated', 'ringing') AND "startedAt" > ring_cutoff))) >= lines THEN
    RETURN NULL;
  END IF;
  EXECUTE format(
    'INSERT INTO "CallSession" (%1$s) SELECT %1$s FROM jsonb_populate_record(NULL::"CallSession", $1) RETURNING "id"',
    (SELECT string_agg(quote_ident(key), ', ') FROM jsonb_object_keys(call) AS key))
  USING call INTO admitted;
  RETURN admitted;
END
$$;
