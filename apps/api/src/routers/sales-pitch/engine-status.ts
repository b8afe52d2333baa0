import { engineForNewCalls } from "@koe/shared";

/**
 * Which engine an agent's new calls get, by the bridge's own rule (`@koe/shared`): the kill switch,
 * then the agent's toggle, then the company's rollout share ("split": each call is bucketed by its
 * CallSid).
 */
export function engineStatus(input: {
  realtimeEnabled: boolean;
  agentEnabled: boolean;
  rolloutPercentage: number;
}) {
  const active = engineForNewCalls({
    killSwitchOn: input.realtimeEnabled,
    agentRealtimeEnabled: input.agentEnabled,
    rolloutPercentage: input.rolloutPercentage,
  });
  return { active, killSwitchOn: input.realtimeEnabled, ...input } as const;
}
