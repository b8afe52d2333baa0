-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'agent_version_restored';
