import { AppShell, Badge, Container, Group, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "./trpc.ts";

function ApiStatus() {
  const trpc = useTRPC();
  const health = useQuery(trpc.health.check.queryOptions(undefined, { refetchInterval: 10_000 }));
  if (health.isPending) return <Badge color="gray">接続中…</Badge>;
  if (health.isError || health.data.status !== "ok") return <Badge color="red">API に接続できません</Badge>;
  return <Badge color="teal">API 正常</Badge>;
}

export function App() {
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={3}>Koe</Title>
          <ApiStatus />
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="md">
          <Title order={2} mt="lg">
            Koe 管理画面
          </Title>
          <Text c="dimmed" mt="sm">
            AI 電話エージェントの設定、通話のモニタリング、ロールアウトの管理を行います。
          </Text>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
