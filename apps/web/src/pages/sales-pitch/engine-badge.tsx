import { Badge, Group, Text, Tooltip } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { EngineStatus } from "../../lib/api-types.ts";

/** Which engine this agent's new calls get now, and why (kill switch → agent toggle → rollout). */
export function EngineBadge({ engine }: { engine: EngineStatus }) {
  const { t } = useTranslation(["salesPitch", "labels"]);
  const { color, label, reason } = describe(engine, t);
  return (
    <Tooltip label={reason} multiline w={320}>
      <Group gap="xs" data-testid="engine-badge">
        <Text size="sm" c="dimmed">
          {t("engine.current")}
        </Text>
        <Badge size="lg" color={color} variant="filled">
          {label}
        </Badge>
      </Group>
    </Tooltip>
  );
}

function describe(engine: EngineStatus, t: TFunction<["salesPitch", "labels"]>) {
  const legacy = t("labels:engine.legacy");
  if (!engine.killSwitchOn) return { color: "gray", label: legacy, reason: t("engine.killSwitchOff") };
  if (!engine.agentEnabled) return { color: "gray", label: legacy, reason: t("engine.agentDisabled") };
  if (engine.active === "legacy") return { color: "gray", label: legacy, reason: t("engine.rolloutZero") };
  if (engine.active === "split") {
    return {
      color: "grape",
      label: t("engine.split", {
        realtime: engine.rolloutPercentage,
        legacy: 100 - engine.rolloutPercentage,
      }),
      reason: t("engine.splitReason", { percent: engine.rolloutPercentage }),
    };
  }
  return { color: "teal", label: t("labels:engine.realtime"), reason: t("engine.allRealtime") };
}
