import type { ConversationSettings, KeywordTemplate, RealtimeSettings } from "@koe/shared";
import { i18n } from "../../i18n/i18n.ts";

/** A version's settings as the api gives them: a part that no longer parses is null. */
export type VersionSettings = {
  conversationSettings: ConversationSettings | null;
  keywordTemplates: KeywordTemplate[] | null;
  realtimeSettings: RealtimeSettings | null;
};

/** The parts a version is compared in, each as text for the line diff. */
export const VERSION_SECTIONS = ["prompt", "realtime", "legacy", "templates"] as const;
export type VersionSection = (typeof VERSION_SECTIONS)[number];

/**
 * A version's settings as readable lines, one text per section, labelled in the language of the
 * moment: what 「バージョン履歴」 puts through the same line diff as 「既存設定から生成」.
 */
export function versionTexts(settings: VersionSettings): Record<VersionSection, string> {
  const unreadable = i18n.t("salesPitch:versions.unreadable");
  const { realtimeSettings: realtime, conversationSettings: legacy, keywordTemplates: templates } = settings;
  return {
    prompt: realtime ? realtime.instructions : unreadable,
    realtime: realtime ? realtimeLines(realtime).join("\n") : unreadable,
    legacy: legacy ? legacyLines(legacy).join("\n") : unreadable,
    templates: templates ? templateLines(templates).join("\n") : unreadable,
  };
}

function realtimeLines(settings: RealtimeSettings): string[] {
  const t = i18n.t;
  const fields = t("salesPitch:realtime.fields", { returnObjects: true });
  const turn = settings.turnDetection;
  return [
    `${fields.enabled}: ${settings.enabled ? t("salesPitch:versions.on") : t("salesPitch:versions.off")}`,
    `${fields.model}: ${settings.model}`,
    `${fields.voice}: ${settings.voice}`,
    `${fields.speed}: ${settings.speed}`,
    `${fields.reasoningEffort}: ${
      settings.reasoningEffort
        ? t(`salesPitch:temperature.effort.${settings.reasoningEffort}`)
        : t("salesPitch:temperature.modelDefault")
    }`,
    `${t("salesPitch:advanced.mode.label")}: ${t(`salesPitch:advanced.mode.${turn.type}`)}`,
    ...(turn.type === "server_vad"
      ? [
          `${t("salesPitch:advanced.threshold.label")}: ${turn.threshold}`,
          `${t("salesPitch:advanced.silence.label")}: ${turn.silenceDurationMs} ms`,
          `${t("salesPitch:advanced.prefix.label")}: ${turn.prefixPaddingMs} ms`,
        ]
      : [
          `${t("salesPitch:advanced.eagerness.label")}: ${t(`salesPitch:advanced.eagerness.${turn.eagerness}`)}`,
        ]),
    `${t("salesPitch:advanced.noise.label")}: ${t(`salesPitch:advanced.noise.${settings.noiseReduction ?? "off"}`)}`,
  ];
}

function legacyLines(settings: ConversationSettings): string[] {
  const fields = i18n.t("salesPitch:legacy.fields", { returnObjects: true });
  return [
    `${fields.companyName}: ${settings.companyName}`,
    `${fields.greeting}: ${settings.greeting}`,
    `${fields.tone}: ${i18n.t(`salesPitch:legacy.tone.${settings.tone}`)}`,
    `${fields.fallbackMessage}: ${settings.fallbackMessage}`,
    `${fields.transferMessage}: ${settings.transferMessage}`,
    `${fields.closingMessage}: ${settings.closingMessage}`,
    `${fields.maxMisunderstandings}: ${settings.maxMisunderstandings}`,
  ];
}

function templateLines(templates: KeywordTemplate[]): string[] {
  const fields = i18n.t("salesPitch:templates.fields", { returnObjects: true });
  const separator = i18n.t("salesPitch:phoneNumberSeparator");
  return templates.flatMap((template, index) => [
    `【${i18n.t("salesPitch:templates.template", { number: index + 1 })}】`,
    `  ${fields.keyword}: ${template.keyword}`,
    `  ${fields.synonyms}: ${template.synonyms.join(separator)}`,
    `  ${fields.response}: ${template.response}`,
    `  ${fields.action}: ${i18n.t(`salesPitch:templates.action.${template.action}`)}`,
  ]);
}
