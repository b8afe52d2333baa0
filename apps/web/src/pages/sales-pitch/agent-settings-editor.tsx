import type { TemplateVariable } from "@koe/shared";
import { Alert, Button, Grid, Group, Paper, Text } from "@mantine/core";
import { useState } from "react";
import type { AgentView } from "../../lib/api-types.ts";
import { LegacyConversionModal } from "./legacy-conversion-modal.tsx";
import { LegacySettingsCard } from "./legacy-settings-card.tsx";
import { RealtimeSettingsCard } from "./realtime-settings-card.tsx";
import { TestCallButton } from "./test-call-button.tsx";
import { UnsavedChangesGuard } from "./unsaved-changes-guard.tsx";
import { useAgentSettings } from "./use-agent-settings.ts";

/** All settings forms of one agent, saved together with one button. */
export function AgentSettingsEditor({ agent, companyName }: { agent: AgentView; companyName: string }) {
  const { conversation, templates, realtime, legacyDirty, dirty, saving, save, reset } =
    useAgentSettings(agent);
  const [converting, setConverting] = useState(false);

  const sampleValues: Record<TemplateVariable, string> = {
    company_name: companyName,
    customer_name: "山田 太郎",
    agent_name: agent.name,
    today: new Intl.DateTimeFormat("ja-JP", { dateStyle: "full" }).format(new Date()),
  };

  return (
    <>
      <UnsavedChangesGuard dirty={dirty} />
      {agent.invalidStoredSettings.length > 0 && (
        <Alert color="orange" mb="md" title="保存済みの設定の一部を読み取れませんでした">
          既定値を表示しています。内容を確認して保存し直してください。
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <LegacySettingsCard
            form={conversation}
            templatesForm={templates}
            storedTemplatesUnreadable={agent.invalidStoredSettings.includes("keywordTemplates")}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <RealtimeSettingsCard
            form={realtime}
            sampleValues={sampleValues}
            onGenerateFromLegacy={() => setConverting(true)}
          />
        </Grid.Col>
      </Grid>
      <Paper withBorder shadow="md" p="sm" mt="lg" pos="sticky" bottom={12} style={{ zIndex: 10 }}>
        <Group justify="space-between">
          <Text size="sm" c={dirty ? "orange.8" : "dimmed"} data-testid="save-state">
            {dirty ? "保存されていない変更があります" : "すべての変更は保存済みです"}
          </Text>
          <Group>
            <TestCallButton agentId={agent.id} unsaved={dirty} />
            <Button variant="default" disabled={!dirty || saving} onClick={reset}>
              変更を元に戻す
            </Button>
            <Button onClick={() => void save()} loading={saving} disabled={!dirty}>
              保存
            </Button>
          </Group>
        </Group>
      </Paper>
      <LegacyConversionModal
        agentId={agent.id}
        opened={converting}
        currentPrompt={realtime.values.instructions}
        legacyDirty={legacyDirty}
        onClose={() => setConverting(false)}
        onAccept={(prompt) => {
          realtime.setFieldValue("instructions", prompt);
          setConverting(false);
        }}
      />
    </>
  );
}
