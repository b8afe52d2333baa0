import {
  type ConversationSettings,
  conversationSettingsSchema,
  type KeywordTemplate,
  type RealtimeSettings,
  realtimeSettingsSchema,
  unambiguousKeywordTemplatesSchema,
} from "@koe/shared";
import { useForm } from "@mantine/form";
import { z } from "zod";
import { validationMessages } from "../../lib/validation-messages.ts";
import { conversationLabels, keywordTemplateLabels, realtimeLabels } from "./field-labels.ts";

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

/** The templates under the name the api takes them by, as a form's values must be an object. */
const keywordTemplatesFormSchema = z.object({ keywordTemplates: unambiguousKeywordTemplatesSchema });
type KeywordTemplatesValues = z.infer<typeof keywordTemplatesFormSchema>;

/** The legacy keyword templates, checked by the schema the api saves them with. */
export function useKeywordTemplatesForm(initial: KeywordTemplate[]) {
  return useForm<KeywordTemplatesValues>({
    initialValues: { keywordTemplates: initial },
    validateInputOnChange: true,
    validate: (values) => {
      const result = keywordTemplatesFormSchema.safeParse(values);
      return result.success ? {} : validationMessages(result.error, keywordTemplateLabels());
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
export type KeywordTemplatesForm = ReturnType<typeof useKeywordTemplatesForm>;
export type RealtimeForm = ReturnType<typeof useRealtimeForm>;
