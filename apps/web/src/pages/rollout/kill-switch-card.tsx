import { Badge, Card, Group, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

/**
 * The global ENABLE_REALTIME_API switch, explained in user words: read-only here by design (the
 * migration plan keeps it an environment variable), so the card says who can flip it.
 */
export function KillSwitchCard({ realtimeEnabled }: { realtimeEnabled: boolean }) {
  const { t } = useTranslation("rollout");
  return (
    <Card withBorder radius="md" padding="lg" h="100%">
      <Group justify="space-between">
        <Title order={5}>{t("killSwitch.title")}</Title>
        <Badge size="lg" color={realtimeEnabled ? "teal" : "red"} data-testid="kill-switch">
          {realtimeEnabled ? t("killSwitch.on") : t("killSwitch.off")}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mt="sm">
        {realtimeEnabled ? t("killSwitch.onBody") : t("killSwitch.offBody")}
      </Text>
      <Text size="sm" mt="xs">
        {t("killSwitch.what")}
      </Text>
      <Text size="xs" c="dimmed" mt="xs">
        {t("killSwitch.who")}
      </Text>
    </Card>
  );
}
