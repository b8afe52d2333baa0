import type { ConversationSettings, TemplateVariable } from "@koe/shared";
import { Alert, Button, Grid, Group, Paper, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AgentView } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { LegacyConversionModal } from "./legacy-conversion-modal.tsx";
import { LegacySettingsCard } from "./legacy-settings-card.tsx";
import { RealtimeSettingsCard } from "./realtime-settings-card.tsx";
import { useConversationForm, useRealtimeForm } from "./settings-forms.ts";
import { TestCallButton } from "./test-call-button.tsx";
import { UnsavedChangesGuard } from "./unsaved-changes-guard.tsx";

/** Shown when stored legacy settings no longer parse: the admin starts again from these. */
const EMPTY_CONVERSATION: ConversationSettings = {
  companyName: "",
  greeting: "",
  tone: "polite",
  fallbackMessage: "",
  transferMessage: "",
  closingMessage: "",
  maxMisunderstandings: 2,
};

/** Both settings forms of one agent, saved together with one button. */
export function AgentSettingsEditor({ agent, companyName }: { agent: AgentView; companyName: string }) {
  const { t } = useTranslation("salesPitch");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const conversation = useConversationForm(agent.conversationSettings ?? EMPTY_CONVERSATION);
  const realtime = useRealtimeForm(agent.realtimeSettings);
  const [converting, setConverting] = useState(false);
  const saveConversation = useMutation(trpc.salesPitch.updateConversationSettings.mutationOptions());
  const saveRealtime = useMutation(trpc.salesPitch.updateRealtimeSettings.mutationOptions());
  const dirty = conversation.isDirty() || realtime.isDirty();
  const saving = saveConversation.isPending || saveRealtime.isPending;

  const save = async () => {
    const invalid = [conversation.validate(), realtime.validate()].some((result) => result.hasErrors);
    if (invalid) {
      notifications.show({
        color: "red",
        title: t("editor.invalidTitle"),
        message: t("editor.invalidMessage"),
      });
      return;
    }
    try {
      if (conversation.isDirty()) {
        await saveConversation.mutateAsync({ agentId: agent.id, conversationSettings: conversation.values });
      }
      if (realtime.isDirty()) {
        await saveRealtime.mutateAsync({ agentId: agent.id, settings: realtime.values });
      }
      conversation.resetDirty();
      realtime.resetDirty();
      await queryClient.invalidateQueries({ queryKey: trpc.salesPitch.pathKey() });
      notifications.show({
        color: "teal",
        title: t("editor.savedTitle"),
        message: t("editor.savedMessage", { agent: agent.name }),
      });
    } catch (error) {
      notifications.show({ color: "red", title: t("editor.saveFailedTitle"), message: errorMessage(error) });
    }
  };

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
          <LegacySettingsCard form={conversation} templates={agent.keywordTemplates} />
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
            {dirty ? t("editor.dirty") : t("editor.clean")}
          </Text>
          <Group>
            <TestCallButton agentId={agent.id} unsaved={dirty} />
            <Button
              variant="default"
              disabled={!dirty || saving}
              onClick={() => {
                conversation.reset();
                realtime.reset();
              }}
            >
              {t("editor.revert")}
            </Button>
            <Button onClick={() => void save()} loading={saving} disabled={!dirty}>
              {t("editor.save")}
            </Button>
          </Group>
        </Group>
      </Paper>
      <LegacyConversionModal
        agentId={agent.id}
        opened={converting}
        currentPrompt={realtime.values.instructions}
        legacyDirty={conversation.isDirty()}
        onClose={() => setConverting(false)}
        onAccept={(prompt) => {
          realtime.setFieldValue("instructions", prompt);
          setConverting(false);
        }}
      />
    </>
  );
}
