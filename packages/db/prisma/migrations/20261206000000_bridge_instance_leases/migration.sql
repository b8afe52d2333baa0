-- AlterEnum
ALTER TYPE "CallEndReason" ADD VALUE 'protocol_violation';

-- CreateTable
CREATE TABLE "BridgeInstance" (
    "name" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BridgeInstance_pkey" PRIMARY KEY ("name")
);
