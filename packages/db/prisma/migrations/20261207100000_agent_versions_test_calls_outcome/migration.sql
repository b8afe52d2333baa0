-- CreateEnum
CREATE TYPE "CallOutcome" AS ENUM ('booked', 'rescheduled', 'cancelled', 'info_provided', 'handed_off', 'caller_dropped', 'voicemail', 'other');

-- CreateTable
CREATE TABLE "AgentVersion" (
    "id" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "agentId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "conversationSettings" JSONB NOT NULL,
    "keywordTemplates" JSONB NOT NULL,
    "realtimeSettings" JSONB NOT NULL,
    "note" TEXT,
    "restoredFromVersion" INTEGER,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentVersion_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "Agent" ADD COLUMN "currentVersionId" UUID;

-- AlterTable
ALTER TABLE "CallSession" ADD COLUMN "agentVersionId" UUID,
ADD COLUMN "isTest" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "outcome" "CallOutcome";

-- CreateIndex
CREATE UNIQUE INDEX "AgentVersion_agentId_version_key" ON "AgentVersion"("agentId", "version");

-- CreateIndex
CREATE INDEX "AgentVersion_companyId_idx" ON "AgentVersion"("companyId");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_currentVersionId_key" ON "Agent"("currentVersionId");

-- AddForeignKey
ALTER TABLE "AgentVersion" ADD CONSTRAINT "AgentVersion_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentVersion" ADD CONSTRAINT "AgentVersion_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentVersion" ADD CONSTRAINT "AgentVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_currentVersionId_fkey" FOREIGN KEY ("currentVersionId") REFERENCES "AgentVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallSession" ADD CONSTRAINT "CallSession_agentVersionId_fkey" FOREIGN KEY ("agentVersionId") REFERENCES "AgentVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Existing agents: their settings as they stand become version 1.
INSERT INTO "AgentVersion" ("id", "companyId", "agentId", "version", "conversationSettings", "keywordTemplates", "realtimeSettings", "note")
SELECT gen_random_uuid(), "companyId", "id", 1, "conversationSettings", "keywordTemplates", "realtimeSettings", 'バージョン管理の開始時点の設定'
FROM "Agent";
UPDATE "Agent" a SET "currentVersionId" = v."id" FROM "AgentVersion" v WHERE v."agentId" = a."id" AND v."version" = 1;
