import type { ConversationSettings } from "@koe/shared";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AgentView } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { useConversationForm, useKeywordTemplatesForm, useRealtimeForm } from "./settings-forms.ts";

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

/**
 * One agent's three settings forms — legacy conversation, keyword templates, Realtime — with one
 * dirty state, one save and one reset. One save sends whatever changed, with the admin's note, and
 * becomes one new version of the agent.
 */
export function useAgentSettings(agent: AgentView) {
  const { t } = useTranslation("salesPitch");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const conversation = useConversationForm(agent.conversationSettings ?? EMPTY_CONVERSATION);
  // Unreadable stored templates arrive as an empty list (see `invalidStoredSettings`).
  const templates = useKeywordTemplatesForm(agent.keywordTemplates);
  const realtime = useRealtimeForm(agent.realtimeSettings);
  const saveSettings = useMutation(trpc.salesPitch.saveSettings.mutationOptions());
  const [note, setNote] = useState("");
  const legacyDirty = conversation.isDirty() || templates.isDirty();
  const dirty = legacyDirty || realtime.isDirty();

  const save = async () => {
    const results = [conversation.validate(), templates.validate(), realtime.validate()];
    const invalid = results.some((result) => result.hasErrors);
    if (invalid) {
      notifications.show({
        color: "red",
        title: t("editor.invalidTitle"),
        message: t("editor.invalidMessage"),
      });
      return;
    }
    try {
      const saved = await saveSettings.mutateAsync({
        agentId: agent.id,
        ...(legacyDirty
          ? { conversationSettings: conversation.values, keywordTemplates: templates.values.keywordTemplates }
          : {}),
        ...(realtime.isDirty() ? { realtimeSettings: realtime.values } : {}),
        note,
      });
      setNote("");
      conversation.resetDirty();
      templates.resetDirty();
      realtime.resetDirty();
      await queryClient.invalidateQueries({ queryKey: trpc.salesPitch.pathKey() });
      notifications.show({
        color: "teal",
        title: t("editor.savedTitle"),
        message: t("editor.savedMessage", { agent: agent.name, version: saved.version }),
      });
    } catch (error) {
      notifications.show({ color: "red", title: t("editor.saveFailedTitle"), message: errorMessage(error) });
    }
  };

  return {
    conversation,
    templates,
    realtime,
    legacyDirty,
    dirty,
    note,
    setNote,
    saving: saveSettings.isPending,
    save,
    reset: () => {
      conversation.reset();
      templates.reset();
      realtime.reset();
    },
  };
}
