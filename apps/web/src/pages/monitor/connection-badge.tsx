import { Badge, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNow } from "../../lib/use-now.ts";
import type { LiveConnection } from "../../live/active-calls-provider.tsx";

const COLORS: Record<LiveConnection["state"], string> = {
  connecting: "gray",
  connected: "teal",
  reconnecting: "orange",
  disconnected: "red",
};

/** The live feed's real state and how long ago it last heard from the server, ticking every second. */
export function ConnectionBadge({ connection }: { connection: LiveConnection }) {
  const { t } = useTranslation("monitor");
  const now = useNow();
  return (
    <Group gap="xs" wrap="nowrap">
      <Badge color={COLORS[connection.state]} variant="dot" size="lg" data-testid="live-connection">
        {t(`connection.${connection.state}`)}
      </Badge>
      {connection.lastUpdateAt !== null && (
        <Text size="xs" c="dimmed" data-testid="live-last-update">
          {t("connection.lastUpdate", {
            seconds: Math.max(0, Math.floor((now - connection.lastUpdateAt) / 1000)),
          })}
        </Text>
      )}
    </Group>
  );
}
