import type { PrismaClient } from "./generated/prisma/client.ts";

export type DatabaseHealth = { ok: true; latencyMs: number } | { ok: false; error: string };

/** One round trip to the database, for health checks. Never throws. */
export async function pingDatabase(prisma: PrismaClient): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await prisma.$queryRaw`SELECT 1`;
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
