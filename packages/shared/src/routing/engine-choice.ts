import { createHash } from "node:crypto";
import { chooseEngineForBucket, type EngineChoice, type EngineRoutingInput } from "./engine-rule.ts";

export type { EngineChoice } from "./engine-rule.ts";

/**
 * The call's rollout bucket, 0–99: a stable hash of the CallSid, so the same call always lands in
 * the same bucket and a percentage splits calls evenly. (Node's crypto: this module is a subpath
 * export, `@koe/shared/engine-choice`, kept out of the browser-safe index.)
 */
export function rolloutBucket(callSid: string): number {
  return createHash("sha256").update(callSid).digest().readUInt32BE(0) % 100;
}

/**
 * Which engine a new call uses: the global kill switch first, then the agent's toggle, then the
 * company's rollout percentage. Live calls never change engine; this runs once per call.
 */
export function chooseEngine(input: EngineRoutingInput & { callSid: string }): EngineChoice {
  return chooseEngineForBucket({ ...input, bucket: rolloutBucket(input.callSid) });
}
