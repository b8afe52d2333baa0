import { Badge, Card, Group, Text, Title } from "@mantine/core";

/** The global ENABLE_REALTIME_API switch: read-only here, it is set on the servers. */
export function KillSwitchCard({ realtimeEnabled }: { realtimeEnabled: boolean }) {
  return (
    <Card withBorder radius="md" padding="lg" h="100%">
      <Group justify="space-between">
        <Title order={5}>キルスイッチ</Title>
        <Badge size="lg" color={realtimeEnabled ? "teal" : "red"} data-testid="kill-switch">
          {realtimeEnabled ? "Realtime API 有効" : "Realtime API 停止中"}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mt="sm">
        {realtimeEnabled
          ? "サーバーの ENABLE_REALTIME_API が ON です。下のロールアウト率に従って通話が Realtime API に振り分けられます。"
          : "サーバーの ENABLE_REALTIME_API が OFF のため、ロールアウト率にかかわらずすべての通話が従来エンジンで応答します。"}
      </Text>
      <Text size="xs" c="dimmed" mt="xs">
        切り替えはサーバーの環境変数で行います(緊急停止用)。変更は新しい通話から反映されます。
      </Text>
    </Card>
  );
}
