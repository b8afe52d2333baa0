-- Transcript search and the overview page. Prisma's schema cannot declare expression, partial or
-- covering (INCLUDE) indexes, so these live here only (the drift test leaves such indexes alone).

-- The overlapping two-character pieces of a text, lowercased: "予約です" → {予約, 約で, です, …}.
-- Japanese has no spaces to split words on and its words are often two characters (予約, 解約),
-- which pg_trgm's three-character trigrams cannot find through an index. Two regexp passes (pairs
-- from the first and from the second character) instead of a per-character loop: the index build
-- over 20 million lines costs a third less. Stray single characters and '' at the ends are harmless:
-- a search asks for its own bigrams only.
CREATE FUNCTION "koe_bigrams"(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT string_to_array(regexp_replace(lower(t), '(..)', E'\\1\x01', 'g'), E'\x01')
      || string_to_array(regexp_replace(substr(lower(t), 2), '(..)', E'\\1\x01', 'g'), E'\x01')
$$;

-- What a search asks of the index: its own bigrams, without those ends. Immutable, so with a
-- constant argument the planner folds it and estimates the match from the index's statistics.
CREATE FUNCTION "koe_query_bigrams"(q text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ARRAY(SELECT DISTINCT b FROM unnest("koe_bigrams"(q)) AS b WHERE char_length(b) = 2)
$$;

-- Transcript lines by the bigrams of what was said (transcripts.search).
CREATE INDEX "CallEvent_transcript_bigrams_idx" ON "CallEvent"
  USING gin ("koe_bigrams"("payload" ->> 'text')) WHERE "type" = 'transcript';

-- The overview's per-bucket aggregates read calls by company and start time; with every grouped
-- and filtered column included they come from the index alone (index-only scans).
CREATE INDEX "CallSession_overview_idx" ON "CallSession" ("companyId", "startedAt")
  INCLUDE ("agentId", "agentVersionId", "engine", "status", "outcome", "isTest", "handoffAt", "costUsd");

-- The few calls with an operator's reference transcript (transcription accuracy).
CREATE INDEX "CallSession_reference_idx" ON "CallSession" ("companyId", "startedAt")
  WHERE "referenceTranscript" IS NOT NULL;
