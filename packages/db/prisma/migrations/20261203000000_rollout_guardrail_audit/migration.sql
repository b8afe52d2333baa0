-- AlterEnum: admins set the rollout guardrail's thresholds (rollout.setGuardrail), audited like the percentage.
ALTER TYPE "AuditAction" ADD VALUE 'rollout_guardrail_changed';
