import type { PrismaClient } from "@koe/db";
import { parseCallEventPayload } from "@koe/shared";
import { STREAM_TOKEN_TTL_MS } from "../twilio/stream-token.ts";

/** The `ended` event a normal end writes (RealtimeCall.end), so live monitors drop the call. */
const ENDED = JSON.stringify(
  parseCallEventPayload("status", { status: "ended", detail: "bridge_restarted" }),
);

/**
 * Ends the live realtime calls whose bridge process is gone: those of the instances named, and those
 * of every instance without an unexpired lease. Of the latter, a call answered but not yet streaming
 * is left until its stream token expires: its stream may still reach a surviving process, which
 * adopts it with a fresh session (HAProxy needs a few health checks to route it away from the dead
 * one). One statement marks them interrupted (which frees their lines) and writes their `ended`
 * events, so several processes reaping at once each end a call at most once (a row another reaper
 * already changed no longer matches), and a crash between the two writes cannot leave a dead call
 * on a monitor. Returns the CallSids it ended.
 */
export async function reapLostCalls(prisma: PrismaClient, deadInstances: string[] = []): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ callSid: string }[]>`
    WITH reaped AS (
      UPDATE "CallSession" c
      SET status = 'interrupted', "endReason" = 'bridge_restarted', "endedAt" = now(), "updatedAt" = now()
      WHERE c.status IN ('initiated', 'ringing', 'active')
        AND c.engine = 'realtime'
        AND c."bridgeInstance" IS NOT NULL
        AND (
          c."bridgeInstance" = ANY(${deadInstances}::text[])
          OR (
            NOT EXISTS (
              SELECT 1 FROM "BridgeInstance" b WHERE b.name = c."bridgeInstance" AND b."expiresAt" > now()
            )
            AND (
              c.status = 'active'
              OR c."streamSid" IS NOT NULL
              OR c."startedAt" < now() - ${STREAM_TOKEN_TTL_MS} * interval '1 millisecond'
            )
          )
        )
      RETURNING c.id, c."companyId", c."callSid"
    ), ended AS (
      INSERT INTO "CallEvent" ("callSessionId", "companyId", type, payload)
      SELECT id, "companyId", 'status', ${ENDED}::jsonb FROM reaped
    )
    SELECT "callSid" FROM reaped`;
  return rows.map((row) => row.callSid);
}
