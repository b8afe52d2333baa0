import { Card, Grid, Group, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../layout/page-header.tsx";
import { useActiveCalls } from "../../live/active-calls-provider.tsx";
import { ActiveCallList } from "./active-call-list.tsx";
import { ConnectionBadge } from "./connection-badge.tsx";
import { LiveCallPanel } from "./live-call-panel.tsx";
import { PlaceCallDialog } from "./place-call-dialog.tsx";

/** /monitor: the company's calls in progress, live, and the selected one's conversation. */
export function MonitorPage() {
  const { t } = useTranslation("monitor");
  const { calls, connection } = useActiveCalls();
  const [chosenId, setChosenId] = useState<string | null>(null);
  // Until the operator picks one, follow the newest call.
  const selectedId = chosenId ?? calls.at(-1)?.id ?? null;
  const selected = calls.find((call) => call.id === selectedId) ?? null;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Group gap="md">
            <PlaceCallDialog />
            <ConnectionBadge connection={connection} />
          </Group>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={4}>
          <Text fw={600} mb="xs">
            {t("activeCalls", { calls: calls.length })}
          </Text>
          <ActiveCallList calls={calls} selectedId={selectedId} onSelect={setChosenId} />
        </Grid.Col>
        <Grid.Col span={8}>
          {selectedId ? (
            <LiveCallPanel key={selectedId} callId={selectedId} call={selected} />
          ) : (
            <Card withBorder padding="xl" ta="center">
              <Text c="dimmed">{t("choose")}</Text>
            </Card>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}
