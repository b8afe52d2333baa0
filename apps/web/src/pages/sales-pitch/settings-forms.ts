import {
  type ConversationSettings,
  conversationSettingsSchema,
  type RealtimeSettings,
  realtimeSettingsSchema,
} from "@koe/shared";
import { useForm } from "@mantine/form";
import { validationMessages } from "../../lib/validation-messages.ts";
import { conversationLabels, realtimeLabels } from "./field-labels.ts";

/** The legacy conversation settings form, checked by the same schema the api enforces. */
export function useConversationForm(initial: ConversationSettings) {
  return useForm<ConversationSettings>({
    initialValues: initial,
    validateInputOnChange: true,
    validate: (values) => {
      const result = conversationSettingsSchema.safeParse(values);
      return result.success ? {} : validationMessages(result.error, conversationLabels());
    },
  });
}

/** The 「Realtime API設定」 form, checked by the shared settings schema. */
export function useRealtimeForm(initial: RealtimeSettings) {
  return useForm<RealtimeSettings>({
    initialValues: initial,
    validateInputOnChange: true,
    validate: (values) => {
      const result = realtimeSettingsSchema.safeParse(values);
      return result.success ? {} : validationMessages(result.error, realtimeLabels());
    },
  });
}

export type ConversationForm = ReturnType<typeof useConversationForm>;
export type RealtimeForm = ReturnType<typeof useRealtimeForm>;
