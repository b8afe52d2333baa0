/** The engines a call can run on (Prisma's `CallEngine`, checked in @koe/db). */
export const ENGINE_NAMES = ["realtime", "legacy"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Why a call got its engine, stored on the call (Prisma's `EngineReason`, checked in @koe/db). */
export const ENGINE_REASONS = [
  "kill_switch_off",
  "agent_realtime_disabled",
  "rollout_bucket_excluded",
  "rollout_bucket_included",
  "over_budget",
  "evaluation_run",
] as const;
export type EngineReasonName = (typeof ENGINE_REASONS)[number];

export type EngineChoice = { engine: EngineName; reason: EngineReasonName };

export type EngineRoutingInput = {
  /** ENABLE_REALTIME_API, the global kill switch. */
  killSwitchOn: boolean;
  /** The agent's 「Realtime APIを有効化」 toggle. */
  agentRealtimeEnabled: boolean;
  /** The company's rollout share, 0–100. */
  rolloutPercentage: number;
};

/**
 * Which engine a new call uses: the global kill switch first, then the agent's toggle, then the
 * company's rollout percentage against the call's bucket (0–99, from a stable hash of its CallSid:
 * `rolloutBucket` in `@koe/shared/engine-choice`).
 */
export function chooseEngineForBucket(input: EngineRoutingInput & { bucket: number }): EngineChoice {
  if (!input.killSwitchOn) return { engine: "legacy", reason: "kill_switch_off" };
  if (!input.agentRealtimeEnabled) return { engine: "legacy", reason: "agent_realtime_disabled" };
  return input.bucket < input.rolloutPercentage
    ? { engine: "realtime", reason: "rollout_bucket_included" }
    : { engine: "legacy", reason: "rollout_bucket_excluded" };
}

/**
 * What an agent's new calls get under these settings: all "legacy", all "realtime", or a "split"
 * by bucket. Read off the same rule at the lowest and the highest bucket (the rule only ever adds
 * buckets as the percentage grows), so a page showing it says what the bridge does.
 */
export function engineForNewCalls(input: EngineRoutingInput): "legacy" | "realtime" | "split" {
  const lowest = chooseEngineForBucket({ ...input, bucket: 0 }).engine;
  const highest = chooseEngineForBucket({ ...input, bucket: 99 }).engine;
  return lowest === highest ? lowest : "split";
}
