import type { PrismaClient } from "./generated/prisma/client.ts";

/** What a health check may tell anyone: never the database's own error text. */
export type DatabaseHealth = { ok: true; latencyMs: number } | { ok: false };

export type PingOptions = {
  /** Answer "not ok" after this long, however long the database takes (default 2 s). */
  timeoutMs?: number;
  /** Hears why the database was not reachable (for the log). */
  onFailure?: (error: unknown) => void;
};

/** One round trip to the database, for health checks. Never throws, and answers within `timeoutMs`. */
export async function pingDatabase(prisma: PrismaClient, options: PingOptions = {}): Promise<DatabaseHealth> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the database did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([prisma.$queryRaw`SELECT 1`, deadline]);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    options.onFailure?.(error);
    return { ok: false };
  } finally {
    clearTimeout(timer);
  }
}
