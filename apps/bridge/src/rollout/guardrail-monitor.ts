import type { PrismaClient } from "@koe/db";
import type { Logger } from "../logger.ts";
import { runGuardrail } from "./guardrail.ts";

/**
 * Runs the guardrail every `intervalMs` in this bridge process. Every bridge process runs one:
 * the rollback is a conditional update, so it happens once however many see the regression, and
 * the guardrail keeps working as long as any bridge is up. Runs never overlap.
 */
export function startGuardrailMonitor(
  prisma: PrismaClient,
  logger: Logger,
  intervalMs: number,
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    running ??= runGuardrail(prisma, logger)
      .catch((error: unknown) => logger.error({ err: error }, "guardrail check failed"))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
