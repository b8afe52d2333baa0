import { Badge, Card, Grid, Text } from "@mantine/core";
import { useState } from "react";
import { PageHeader } from "../../layout/page-header.tsx";
import { useActiveCalls } from "../../live/active-calls-provider.tsx";
import { ActiveCallList } from "./active-call-list.tsx";
import { LiveCallPanel } from "./live-call-panel.tsx";

/** /monitor: the company's calls in progress, live, and the selected one's conversation. */
export function MonitorPage() {
  const { calls, connected } = useActiveCalls();
  const [chosenId, setChosenId] = useState<string | null>(null);
  // Until the operator picks one, follow the newest call.
  const selectedId = chosenId ?? calls.at(-1)?.id ?? null;
  const selected = calls.find((call) => call.id === selectedId) ?? null;
  return (
    <>
      <PageHeader
        title="ライブモニター"
        description="進行中の通話をリアルタイムで表示します。必要なときはオペレーターに転送できます。"
        actions={
          <Badge color={connected ? "teal" : "gray"} variant="dot" size="lg">
            {connected ? "リアルタイム接続中" : "接続しています…"}
          </Badge>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={4}>
          <Text fw={600} mb="xs">
            進行中の通話({calls.length})
          </Text>
          <ActiveCallList calls={calls} selectedId={selectedId} onSelect={setChosenId} />
        </Grid.Col>
        <Grid.Col span={8}>
          {selectedId ? (
            <LiveCallPanel key={selectedId} callId={selectedId} call={selected} />
          ) : (
            <Card withBorder padding="xl" ta="center">
              <Text c="dimmed">通話を選ぶと、会話の内容がリアルタイムで表示されます。</Text>
            </Card>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}
