-- CreateEnum
CREATE TYPE "CallAnalysisStatus" AS ENUM ('pending', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "CallSentiment" AS ENUM ('positive', 'neutral', 'negative');

-- AlterTable
ALTER TABLE "Company" ADD COLUMN "analysisModel" TEXT NOT NULL DEFAULT 'gpt-5-mini';

-- CreateTable
CREATE TABLE "CallAnalysis" (
    "id" UUID NOT NULL,
    "callSessionId" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "status" "CallAnalysisStatus" NOT NULL DEFAULT 'pending',
    "summary" TEXT,
    "sentiment" "CallSentiment",
    "followUpNeeded" BOOLEAN,
    "followUpItems" JSONB NOT NULL DEFAULT '[]',
    "model" TEXT,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "cachedInputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(12,6) NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "analyzedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CallAnalysis_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CallAnalysis_callSessionId_key" ON "CallAnalysis"("callSessionId");

-- CreateIndex
CREATE INDEX "CallAnalysis_companyId_status_idx" ON "CallAnalysis"("companyId", "status");

-- CreateIndex
CREATE INDEX "CallSession_companyId_outcome_startedAt_idx" ON "CallSession"("companyId", "outcome", "startedAt" DESC);

-- AddForeignKey
ALTER TABLE "CallAnalysis" ADD CONSTRAINT "CallAnalysis_callSessionId_fkey" FOREIGN KEY ("callSessionId") REFERENCES "CallSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallAnalysis" ADD CONSTRAINT "CallAnalysis_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A call's end enqueues its analysis in the same transaction as the end itself, whichever path
-- ends it (realtime, legacy, Twilio's status callback, the lease reaper, start-up recovery): the
-- job cannot be lost between the two. graphile-worker's own schema is installed by the migration
-- runner (packages/db/src/jobs/job-queue-schema.ts) before any process starts. The job key makes
-- a second end (or a retry) replace the waiting job instead of adding one.
CREATE FUNCTION "koe_enqueue_call_analysis"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CallAnalysis" ("id", "callSessionId", "companyId", "updatedAt")
  VALUES (gen_random_uuid(), NEW."id", NEW."companyId", now())
  ON CONFLICT ("callSessionId") DO NOTHING;
  IF FOUND THEN
    PERFORM graphile_worker.add_job(
      'analyze_call',
      json_build_object('callSessionId', NEW."id"),
      max_attempts := 3,
      job_key := 'analyze_call:' || NEW."id"
    );
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "CallSession_enqueue_analysis"
AFTER UPDATE OF "endedAt" ON "CallSession"
FOR EACH ROW
WHEN (OLD."endedAt" IS NULL AND NEW."endedAt" IS NOT NULL)
EXECUTE FUNCTION "koe_enqueue_call_analysis"();
