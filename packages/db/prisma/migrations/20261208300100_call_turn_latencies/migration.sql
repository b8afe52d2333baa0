-- Each call's turn latencies on the call itself: the overview's latency figures then read the
-- period's calls (a few hundred thousand rows) instead of their turn_latency events in the
-- CallEvent table (millions of rows among the transcript lines).
ALTER TABLE "CallSession" ADD COLUMN "turnLatenciesMs" DOUBLE PRECISION[] NOT NULL DEFAULT ARRAY[]::DOUBLE PRECISION[];

-- Every writer of turn_latency events (the realtime bridge, legacy calls, seeds, tests) fills it
-- through this trigger. A payload without a numeric latencyMs is left out, not refused: the journal
-- must not lose the event.
CREATE FUNCTION "koe_append_turn_latency"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF jsonb_typeof(NEW."payload" -> 'latencyMs') = 'number' THEN
    UPDATE "CallSession" SET "turnLatenciesMs" = "turnLatenciesMs" || (NEW."payload" ->> 'latencyMs')::float8
    WHERE "id" = NEW."callSessionId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "CallEvent_turn_latency" AFTER INSERT ON "CallEvent"
  FOR EACH ROW WHEN (NEW."type" = 'turn_latency') EXECUTE FUNCTION "koe_append_turn_latency"();

-- The calls journaled before this migration.
UPDATE "CallSession" cs SET "turnLatenciesMs" = l."ms"
FROM (SELECT "callSessionId", array_agg(("payload" ->> 'latencyMs')::float8 ORDER BY "id") AS "ms"
      FROM "CallEvent" WHERE "type" = 'turn_latency' AND jsonb_typeof("payload" -> 'latencyMs') = 'number'
      GROUP BY "callSessionId") l
WHERE cs."id" = l."callSessionId";
