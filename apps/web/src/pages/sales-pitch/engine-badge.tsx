import { Badge, Group, Text, Tooltip } from "@mantine/core";
import type { EngineStatus } from "../../lib/api-types.ts";

/** Which engine this agent's new calls get now, and why (kill switch → agent toggle → rollout). */
export function EngineBadge({ engine }: { engine: EngineStatus }) {
  const { color, label, reason } = describe(engine);
  return (
    <Tooltip label={reason} multiline w={320}>
      <Group gap="xs" data-testid="engine-badge">
        <Text size="sm" c="dimmed">
          現在のエンジン
        </Text>
        <Badge size="lg" color={color} variant="filled">
          {label}
        </Badge>
      </Group>
    </Tooltip>
  );
}

function describe(engine: EngineStatus) {
  if (!engine.killSwitchOn) {
    return {
      color: "gray",
      label: "従来エンジン",
      reason: "キルスイッチ(ENABLE_REALTIME_API)が OFF のため、すべての通話が従来エンジンで応答します。",
    };
  }
  if (!engine.agentEnabled) {
    return {
      color: "gray",
      label: "従来エンジン",
      reason: "このエージェントの「Realtime APIを有効化」が OFF です。",
    };
  }
  if (engine.active === "legacy") {
    return { color: "gray", label: "従来エンジン", reason: "ロールアウト率が 0% です。" };
  }
  if (engine.active === "split") {
    return {
      color: "grape",
      label: `Realtime API ${engine.rolloutPercentage}% / 従来 ${100 - engine.rolloutPercentage}%`,
      reason: `ロールアウト率 ${engine.rolloutPercentage}% に従い、新しい通話ごとに振り分けられます。`,
    };
  }
  return { color: "teal", label: "Realtime API", reason: "新しい通話はすべて Realtime API で応答します。" };
}
