import { scenarioSchema } from "@koe/sim";

/** The shortest useful call: a greeting, one question, one answer (the boundary and fuzz tests). */
export const SHORT_CALL = scenarioSchema.parse({
  name: "short",
  description: "a greeting, one question, one answer",
  steps: [
    { speaker: "agent", say: "お電話ありがとうございます。デモ株式会社でございます。" },
    { speaker: "caller", say: "営業時間を教えてください。" },
    { speaker: "agent", say: "平日九時から十八時まででございます。" },
  ],
});
