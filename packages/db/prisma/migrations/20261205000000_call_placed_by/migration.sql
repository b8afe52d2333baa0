-- AlterTable
ALTER TABLE "CallSession" ADD COLUMN "placedByUserId" TEXT;

-- AddForeignKey
ALTER TABLE "CallSession" ADD CONSTRAINT "CallSession_placedByUserId_fkey" FOREIGN KEY ("placedByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
