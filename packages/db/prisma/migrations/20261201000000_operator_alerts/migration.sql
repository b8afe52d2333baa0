-- CreateEnum
CREATE TYPE "OperatorAlertKind" AS ENUM ('rollout_auto_rollback');

-- CreateTable
CREATE TABLE "OperatorAlert" (
    "id" BIGSERIAL NOT NULL,
    "companyId" UUID NOT NULL,
    "kind" "OperatorAlertKind" NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedById" TEXT,

    CONSTRAINT "OperatorAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OperatorAlert_companyId_id_idx" ON "OperatorAlert"("companyId", "id");

-- AddForeignKey
ALTER TABLE "OperatorAlert" ADD CONSTRAINT "OperatorAlert_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorAlert" ADD CONSTRAINT "OperatorAlert_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
