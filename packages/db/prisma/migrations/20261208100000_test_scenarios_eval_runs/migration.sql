-- AlterEnum
ALTER TYPE "EngineReason" ADD VALUE 'evaluation_run';

-- CreateEnum
CREATE TYPE "EvalRunStatus" AS ENUM ('running', 'completed', 'interrupted');

-- CreateTable
CREATE TABLE "TestScenario" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "agentId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "callerNumber" TEXT NOT NULL,
    "steps" JSONB NOT NULL,
    "expectations" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TestScenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalRun" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "agentId" UUID NOT NULL,
    "agentVersionId" UUID NOT NULL,
    "status" "EvalRunStatus" NOT NULL DEFAULT 'running',
    "scenarios" JSONB NOT NULL,
    "callsPlanned" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "callsDone" INTEGER NOT NULL DEFAULT 0,
    "callsPassed" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "runner" TEXT,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedById" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "EvalRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalCall" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "scenarioId" UUID,
    "scenarioName" TEXT NOT NULL,
    "callSessionId" UUID,
    "passed" BOOLEAN NOT NULL,
    "results" JSONB NOT NULL,
    "metrics" JSONB NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvalCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TestScenario_companyId_idx" ON "TestScenario"("companyId");

-- CreateIndex
CREATE UNIQUE INDEX "TestScenario_agentId_name_key" ON "TestScenario"("agentId", "name");

-- CreateIndex
CREATE INDEX "EvalRun_agentId_startedAt_idx" ON "EvalRun"("agentId", "startedAt");

-- CreateIndex
CREATE INDEX "EvalRun_companyId_idx" ON "EvalRun"("companyId");

-- CreateIndex
CREATE UNIQUE INDEX "EvalCall_callSessionId_key" ON "EvalCall"("callSessionId");

-- CreateIndex
CREATE INDEX "EvalCall_companyId_idx" ON "EvalCall"("companyId");

-- CreateIndex
CREATE UNIQUE INDEX "EvalCall_runId_index_key" ON "EvalCall"("runId", "index");

-- AddForeignKey
ALTER TABLE "TestScenario" ADD CONSTRAINT "TestScenario_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestScenario" ADD CONSTRAINT "TestScenario_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_agentVersionId_fkey" FOREIGN KEY ("agentVersionId") REFERENCES "AgentVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalCall" ADD CONSTRAINT "EvalCall_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalCall" ADD CONSTRAINT "EvalCall_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EvalRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalCall" ADD CONSTRAINT "EvalCall_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "TestScenario"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalCall" ADD CONSTRAINT "EvalCall_callSessionId_fkey" FOREIGN KEY ("callSessionId") REFERENCES "CallSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;
