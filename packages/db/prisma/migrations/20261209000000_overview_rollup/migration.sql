-- The overview's hourly roll-up (apps/api/src/overview-rollup/): a job rolls up the hours before a
-- watermark; a trigger marks an hour dirty when one of its calls changes after that, so the
-- overview reads that hour from "CallSession" until the job rolls it again.

-- CreateTable
CREATE TABLE "OverviewHour" (
    "id" BIGSERIAL NOT NULL,
    "companyId" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "agentId" UUID,
    "agentVersionId" UUID,
    "engine" "CallEngine",
    "isTest" BOOLEAN NOT NULL,
    "outcome" "CallOutcome",
    "calls" INTEGER NOT NULL,
    "connected" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "handedOff" INTEGER NOT NULL,
    "costed" INTEGER NOT NULL,
    "costedUsd" DECIMAL(20,6) NOT NULL,
    "costUsd" DECIMAL(20,6) NOT NULL,

    CONSTRAINT "OverviewHour_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OverviewHourLatency" (
    "id" BIGSERIAL NOT NULL,
    "companyId" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "agentId" UUID,
    "agentVersionId" UUID,
    "engine" "CallEngine",
    "isTest" BOOLEAN NOT NULL,
    "turns" INTEGER NOT NULL,
    "sumMs" DOUBLE PRECISION NOT NULL,
    "bins" INTEGER[] NOT NULL,
    "binCounts" INTEGER[] NOT NULL,

    CONSTRAINT "OverviewHourLatency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OverviewDayLatency" (
    "id" BIGSERIAL NOT NULL,
    "companyId" UUID NOT NULL,
    "timeZone" TEXT NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "dayEnd" TIMESTAMPTZ(3) NOT NULL,
    "agentId" UUID,
    "agentVersionId" UUID,
    "engine" "CallEngine",
    "isTest" BOOLEAN NOT NULL,
    "turns" INTEGER NOT NULL,
    "sumMs" DOUBLE PRECISION NOT NULL,
    "bins" INTEGER[] NOT NULL,
    "binCounts" INTEGER[] NOT NULL,

    CONSTRAINT "OverviewDayLatency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OverviewDayProgress" (
    "companyId" UUID NOT NULL,
    "timeZone" TEXT NOT NULL,

    CONSTRAINT "OverviewDayProgress_pkey" PRIMARY KEY ("companyId")
);

-- CreateTable
CREATE TABLE "OverviewRollup" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "watermark" TIMESTAMPTZ(3),

    CONSTRAINT "OverviewRollup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OverviewDirtyHour" (
    "companyId" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "markedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OverviewDirtyHour_pkey" PRIMARY KEY ("companyId","hour")
);

-- CreateIndex
CREATE INDEX "OverviewHour_companyId_hour_idx" ON "OverviewHour"("companyId", "hour");

-- CreateIndex
CREATE INDEX "OverviewHourLatency_companyId_hour_idx" ON "OverviewHourLatency"("companyId", "hour");

-- AddForeignKey
ALTER TABLE "OverviewHour" ADD CONSTRAINT "OverviewHour_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "OverviewDayLatency_companyId_day_idx" ON "OverviewDayLatency"("companyId", "day");

-- AddForeignKey
ALTER TABLE "OverviewDayLatency" ADD CONSTRAINT "OverviewDayLatency_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverviewDayProgress" ADD CONSTRAINT "OverviewDayProgress_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverviewHourLatency" ADD CONSTRAINT "OverviewHourLatency_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Nothing rolled up yet.
INSERT INTO "OverviewRollup" ("id", "watermark") VALUES (1, NULL);

-- Marks the UTC hours of a call's start, before and after the change. A marker already there is
-- touched, not left alone: the job deletes only the markers it read (in its snapshot), and a
-- concurrent touch makes its delete fail and retry instead of losing this change.
CREATE FUNCTION "koe_mark_overview_hours_dirty"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO "OverviewDirtyHour" ("companyId", "hour", "markedAt")
    VALUES (OLD."companyId", date_trunc('hour', OLD."startedAt", 'UTC'), clock_timestamp())
    ON CONFLICT ("companyId", "hour") DO UPDATE SET "markedAt" = EXCLUDED."markedAt";
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (OLD."companyId", date_trunc('hour', OLD."startedAt", 'UTC'))
      IS DISTINCT FROM (NEW."companyId", date_trunc('hour', NEW."startedAt", 'UTC'))) THEN
    INSERT INTO "OverviewDirtyHour" ("companyId", "hour", "markedAt")
    VALUES (NEW."companyId", date_trunc('hour', NEW."startedAt", 'UTC'), clock_timestamp())
    ON CONFLICT ("companyId", "hour") DO UPDATE SET "markedAt" = EXCLUDED."markedAt";
  END IF;
  RETURN NULL;
END
$$;

-- Only calls that started over an hour ago: a live call updates its row many times (status, each
-- turn's latency, cost), and these WHEN clauses keep all of that from calling the function. The job
-- rolls up only hours that ended two hours ago and that no open transaction could still change
-- unmarked (overview-rollup/roll-up.ts), so a change the clock lets through here is never missed.
CREATE TRIGGER "CallSession_overview_dirty_insert" AFTER INSERT ON "CallSession"
  FOR EACH ROW WHEN (NEW."startedAt" < clock_timestamp() - interval '1 hour')
  EXECUTE FUNCTION "koe_mark_overview_hours_dirty"();

CREATE TRIGGER "CallSession_overview_dirty_update" AFTER UPDATE ON "CallSession"
  FOR EACH ROW WHEN (
    (OLD."startedAt" < clock_timestamp() - interval '1 hour' OR NEW."startedAt" < clock_timestamp() - interval '1 hour')
    AND (OLD."companyId", OLD."startedAt", OLD."agentId", OLD."agentVersionId", OLD."engine", OLD."isTest",
         OLD."outcome", OLD."status", OLD."handoffAt", OLD."costUsd", OLD."turnLatenciesMs")
      IS DISTINCT FROM
        (NEW."companyId", NEW."startedAt", NEW."agentId", NEW."agentVersionId", NEW."engine", NEW."isTest",
         NEW."outcome", NEW."status", NEW."handoffAt", NEW."costUsd", NEW."turnLatenciesMs"))
  EXECUTE FUNCTION "koe_mark_overview_hours_dirty"();

CREATE TRIGGER "CallSession_overview_dirty_delete" AFTER DELETE ON "CallSession"
  FOR EACH ROW WHEN (OLD."startedAt" < clock_timestamp() - interval '1 hour')
  EXECUTE FUNCTION "koe_mark_overview_hours_dirty"();
