import type { Prisma } from "../generated/prisma/client.ts";

/**
 * Queues (again) the analysis of an ended call, inside the caller's transaction: the same task,
 * payload, attempts and job key as the trigger that queues it when the call ends (migration
 * 20261208200000_call_analysis), so a waiting or failed job of that call is replaced, never doubled.
 */
export async function enqueueCallAnalysis(
  tx: Prisma.TransactionClient,
  callSessionId: string,
): Promise<void> {
  await tx.$queryRaw`
    SELECT graphile_worker.add_job(
      'analyze_call',
      json_build_object('callSessionId', ${callSessionId}::uuid),
      max_attempts := 3,
      job_key := 'analyze_call:' || ${callSessionId}
    )::text`;
}
