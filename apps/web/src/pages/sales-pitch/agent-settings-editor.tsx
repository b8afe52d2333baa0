import type { TemplateVariable } from "@koe/shared";
import { Alert, Button, Grid, Group, Paper, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AgentView } from "../../lib/api-types.ts";
import { LegacyConversionModal } from "./legacy-conversion-modal.tsx";
import { LegacySettingsCard } from "./legacy-settings-card.tsx";
import { RealtimeSettingsCard } from "./realtime-settings-card.tsx";
import { TestCallButton } from "./test-call-button.tsx";
import { UnsavedChangesGuard } from "./unsaved-changes-guard.tsx";
import { useAgentSettings } from "./use-agent-settings.ts";
import { VersionHistoryModal } from "./version-history-modal.tsx";

/** All settings forms of one agent, saved together with one button as one new version. */
export function AgentSettingsEditor(props: {
  agent: AgentView;
  companyName: string;
  isAdmin: boolean;
  onRestored: () => void;
}) {
  const { agent, companyName } = props;
  const { t } = useTranslation("salesPitch");
  const { conversation, templates, realtime, legacyDirty, dirty, note, setNote, saving, save, reset } =
    useAgentSettings(agent);
  const [converting, setConverting] = useState(false);
  const [history, setHistory] = useState(false);

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
        <Alert color="orange" mb="md" title={t("editor.storedInvalidTitle")}>
          {t("editor.storedInvalidBody")}
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
          <Group>
            <Text size="sm" c={dirty ? "orange.8" : "dimmed"} data-testid="save-state">
              {dirty ? t("editor.dirty") : t("editor.clean")}
            </Text>
            <Button variant="subtle" size="compact-sm" onClick={() => setHistory(true)}>
              {t("versions.open")}
              {agent.currentVersion !== null && ` (v${agent.currentVersion})`}
            </Button>
          </Group>
          <Group>
            <TextInput
              size="xs"
              w={260}
              aria-label={t("versions.noteLabel")}
              placeholder={`${t("versions.noteLabel")} ${t("versions.notePlaceholder")}`}
              value={note}
              maxLength={200}
              disabled={!dirty}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            <TestCallButton agentId={agent.id} unsaved={dirty} />
            <Button variant="default" disabled={!dirty || saving} onClick={reset}>
              {t("editor.revert")}
            </Button>
            <Button onClick={() => void save()} loading={saving} disabled={!dirty}>
              {t("editor.save")}
            </Button>
          </Group>
        </Group>
      </Paper>
      <VersionHistoryModal
        agentId={agent.id}
        opened={history}
        dirty={dirty}
        isAdmin={props.isAdmin}
        onClose={() => setHistory(false)}
        onRestored={props.onRestored}
      />
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
