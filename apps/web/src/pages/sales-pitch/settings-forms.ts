import {
  type ConversationSettings,
  conversationSettingsSchema,
  type KeywordTemplate,
  type RealtimeSettings,
  savableRealtimeSettingsSchema,
  unambiguousKeywordTemplatesSchema,
} from "@koe/shared";
import { useForm } from "@mantine/form";
import { z } from "zod";
import { validationMessages } from "../../lib/validation-messages.ts";
import { conversationLabels, keywordTemplateLabels, realtimeLabels } from "./field-labels.ts";

/**
 * A settings form checked on every change by the same shared schema the api enforces, each issue
 * worded for its field (labels are read at validation time, in the language then chosen).
 */
function useSchemaForm<Values extends Record<string, unknown>>(
  schema: z.ZodType<Values>,
  labels: () => Record<string, string>,
  initialValues: Values,
) {
  return useForm<Values>({
    initialValues,
    validateInputOnChange: true,
    validate: (values) => {
      const result = schema.safeParse(values);
      return result.success ? {} : validationMessages(result.error, labels());
    },
  });
}

/** The legacy conversation settings form. */
export function useConversationForm(initial: ConversationSettings) {
  return useSchemaForm(conversationSettingsSchema, conversationLabels, initial);
}

/** The templates under the name the api takes them by, as a form's values must be an object. */
const keywordTemplatesFormSchema = z.object({ keywordTemplates: unambiguousKeywordTemplatesSchema });

/** The legacy keyword templates, checked by the schema the api saves them with. */
export function useKeywordTemplatesForm(initial: KeywordTemplate[]) {
  return useSchemaForm(keywordTemplatesFormSchema, keywordTemplateLabels, { keywordTemplates: initial });
}

/** The 「Realtime API設定」 form. */
export function useRealtimeForm(initial: RealtimeSettings) {
  return useSchemaForm(savableRealtimeSettingsSchema, realtimeLabels, initial);
}

export type ConversationForm = ReturnType<typeof useConversationForm>;
export type KeywordTemplatesForm = ReturnType<typeof useKeywordTemplatesForm>;
export type RealtimeForm = ReturnType<typeof useRealtimeForm>;
