import { createHash } from "node:crypto";
import type { CallEngine, EngineReason } from "@koe/db";

export type EngineChoice = { engine: CallEngine; reason: EngineReason };

/**
 * The call's rollout bucket, 0–99: a stable hash of the CallSid, so the same call always lands in
 * the same bucket and a percentage splits calls evenly.
 */
export function rolloutBucket(callSid: string): number {
  return createHash("sha256").update(callSid).digest().readUInt32BE(0) % 100;
}

/**
 * Which engine a new call uses: the global kill switch first, then the agent's toggle, then the
 * company's rollout percentage. Live calls never change engine; this runs once per call.
 */
export function chooseEngine(input: {
  callSid: string;
  killSwitchOn: boolean;
  agentRealtimeEnabled: boolean;
  rolloutPercentage: number;
}): EngineChoice {
  if (!input.killSwitchOn) return { engine: "legacy", reason: "kill_switch_off" };
  if (!input.agentRealtimeEnabled) return { engine: "legacy", reason: "agent_realtime_disabled" };
  return rolloutBucket(input.callSid) < input.rolloutPercentage
    ? { engine: "realtime", reason: "rollout_bucket_included" }
    : { engine: "legacy", reason: "rollout_bucket_excluded" };
}
