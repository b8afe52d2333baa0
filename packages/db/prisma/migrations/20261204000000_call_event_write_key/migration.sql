-- AlterTable
ALTER TABLE "CallEvent" ADD COLUMN "writeKey" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "CallEvent_writeKey_key" ON "CallEvent"("writeKey");
