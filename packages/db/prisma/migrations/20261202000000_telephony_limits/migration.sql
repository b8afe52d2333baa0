-- AlterEnum
ALTER TYPE "OperatorAlertKind" ADD VALUE 'budget_exceeded';

-- AlterTable: an outbound call placed by the api has no engine until it reaches the bridge
ALTER TABLE "CallSession" ALTER COLUMN "engine" DROP NOT NULL,
ALTER COLUMN "engineReason" DROP NOT NULL;

-- AlterTable
ALTER TABLE "OperatorAlert" ADD COLUMN "dedupeKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "OperatorAlert_dedupeKey_key" ON "OperatorAlert"("dedupeKey");
