import type { ConversationSettings, KeywordTemplate } from "@koe/shared";
import { i18n } from "../../i18n/i18n.ts";

/** The legacy engine's tones, as its select offers them (named by `salesPitch:legacy.tone.*`). */
export const TONES: ConversationSettings["tone"][] = ["polite", "friendly", "formal"];

/** What a keyword template does after answering (named by `salesPitch:templates.action.*`). */
export const TEMPLATE_ACTIONS: KeywordTemplate["action"][] = ["none", "transfer", "end_call"];

// The field names below are read as a form validates, so its messages are in the language of that moment.

/** The legacy conversation settings' field names, for validation messages. */
export const conversationLabels = (): Record<string, string> =>
  i18n.t("salesPitch:legacy.fields", { returnObjects: true });

/** The keyword templates' field names, a list's items with `*` for the index. */
export function keywordTemplateLabels(): Record<string, string> {
  const fields = i18n.t("salesPitch:templates.fields", { returnObjects: true });
  return {
    keywordTemplates: fields.list,
    "keywordTemplates.*.keyword": fields.keyword,
    "keywordTemplates.*.synonyms": fields.synonyms,
    "keywordTemplates.*.response": fields.response,
    "keywordTemplates.*.action": fields.action,
  };
}

/** The 「Realtime API設定」 fields' names, for validation messages. */
export const realtimeLabels = (): Record<string, string> =>
  i18n.t("salesPitch:realtime.fields", { returnObjects: true });
