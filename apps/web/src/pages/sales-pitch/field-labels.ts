import { i18n } from "../../i18n/i18n.ts";

/** The legacy conversation settings' field names in the chosen language, for validation messages. */
export const conversationLabels = (): Record<string, string> =>
  i18n.t("salesPitch:conversation.fields", { returnObjects: true });

/** The 「Realtime API設定」 fields' names in the chosen language, for validation messages. */
export const realtimeLabels = (): Record<string, string> =>
  i18n.t("salesPitch:realtime.fields", { returnObjects: true });

/** Japanese only for now: the legacy settings card that lists them is not translated yet. */
export const TONE_OPTIONS = [
  { value: "polite", label: "丁寧" },
  { value: "friendly", label: "親しみやすい" },
  { value: "formal", label: "格式高い" },
];
