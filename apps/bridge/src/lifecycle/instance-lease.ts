import type { PrismaClient } from "@koe/db";
import type { Logger } from "../logger.ts";
import { reapLostCalls } from "./reap-lost-calls.ts";

/** How long an expired lease is kept, to tell which process a call belonged to when looking back. */
const FORGET_AFTER_MS = 60 * 60_000;

export type LeaseTimings = {
  /** How often the lease is renewed and lost instances are looked for. */
  heartbeatMs: number;
  /** How long a lease outlives its last renewal. */
  ttlMs: number;
};

export type InstanceLease = {
  /** Renews at once and reaps (also run by the heartbeat); resolves with the CallSids reaped. */
  tick(): Promise<string[]>;
  /** Stops the heartbeat and gives the lease up (after the process has ended its calls). */
  stop(): Promise<void>;
};

/**
 * This process's lease in PostgreSQL (`BridgeInstance`), renewed every `heartbeatMs` for `ttlMs`
 * by the database's clock, so hosts with skewed clocks agree. Each heartbeat also reaps the calls of
 * instances whose lease expired: a process that crashed, was killed or whose host never came back
 * has its calls ended within `ttlMs + heartbeatMs` by whichever process survives. Resolves once the
 * first lease is held, before this process takes calls.
 */
export async function holdInstanceLease(
  prisma: PrismaClient,
  instance: string,
  timings: LeaseTimings,
  logger: Logger,
): Promise<InstanceLease> {
  let running: Promise<string[]> | null = null;
  const renew = () => prisma.$executeRaw`
    INSERT INTO "BridgeInstance" (name, "startedAt", "heartbeatAt", "expiresAt")
    VALUES (${instance}, now(), now(), now() + ${timings.ttlMs} * interval '1 millisecond')
    ON CONFLICT (name) DO UPDATE SET "heartbeatAt" = now(), "expiresAt" = EXCLUDED."expiresAt"`;
  const beat = async (): Promise<string[]> => {
    await renew();
    const reaped = await reapLostCalls(prisma);
    // A lease that ran out long ago only names a process that is gone (each restart may take a new name).
    await prisma.bridgeInstance.deleteMany({
      where: { expiresAt: { lt: new Date(Date.now() - FORGET_AFTER_MS) } },
    });
    if (reaped.length > 0)
      logger.warn({ callSids: reaped }, "ended the calls of bridge processes whose lease expired");
    return reaped;
  };
  const tick = (): Promise<string[]> => {
    running ??= beat().finally(() => {
      running = null;
    });
    return running;
  };
  await renew();
  const timer = setInterval(() => {
    tick().catch((error: unknown) => logger.warn({ err: error }, "could not renew the instance lease"));
  }, timings.heartbeatMs);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => {});
      await prisma.bridgeInstance.deleteMany({ where: { name: instance } });
    },
  };
}
