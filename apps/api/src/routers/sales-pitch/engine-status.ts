/**
 * Which engine an agent's new calls get, as the bridge decides it: the kill switch, then the
 * agent's toggle, then the company's rollout share ("split": each call is bucketed by its CallSid).
 */
export function engineStatus(input: {
  realtimeEnabled: boolean;
  agentEnabled: boolean;
  rolloutPercentage: number;
}) {
  const active =
    !input.realtimeEnabled || !input.agentEnabled || input.rolloutPercentage === 0
      ? "legacy"
      : input.rolloutPercentage === 100
        ? "realtime"
        : "split";
  return { active, killSwitchOn: input.realtimeEnabled, ...input } as const;
}
