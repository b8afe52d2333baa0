import { describe, expect, it } from "vitest";
import { buildSessionUpdate } from "./session-update.ts";
import { realtimeSettingsSchema } from "./settings.ts";

const context = {
  companyName: "デモ株式会社",
  agentName: "受付",
  customerName: "佐藤 花子",
  today: "2026年11月24日火曜日",
};

describe("buildSessionUpdate", () => {
  it("sends Twilio's μ-law both ways, Japanese transcription, the agent's voice and speed, and the tools", () => {
    const settings = realtimeSettingsSchema.parse({
      voice: "cedar",
      speed: 1.2,
      instructions: "{{company_name}}の{{agent_name}}です。{{customer_name}}様、本日は{{today}}です。",
    });
    const tools = [
      { type: "function" as const, name: "t", description: "d", parameters: { type: "object" } },
    ];
    const session = buildSessionUpdate(settings, context, tools);
    expect(session).toMatchObject({
      type: "realtime",
      model: "gpt-realtime-2.1",
      output_modalities: ["audio"],
      audio: {
        input: {
          format: { type: "audio/pcmu" },
          transcription: { model: "gpt-transcribe", language: "ja" },
          noise_reduction: { type: "far_field" },
          turn_detection: {
            type: "server_vad",
            threshold: 0.5,
            prefix_padding_ms: 300,
            silence_duration_ms: 500,
            interrupt_response: true,
          },
        },
        output: { format: { type: "audio/pcmu" }, voice: "cedar", speed: 1.2 },
      },
      tools,
    });
    expect(session.instructions).toMatch(
      /^デモ株式会社の受付です。佐藤 花子様、本日は2026年11月24日火曜日です。/,
    );
    expect(session.instructions).toContain("必ず日本語で応答してください");
    expect(session).not.toHaveProperty("temperature");
  });

  it("uses semantic VAD when configured and reasoning effort only when set", () => {
    const settings = realtimeSettingsSchema.parse({
      turnDetection: { type: "semantic_vad", eagerness: "low" },
      reasoningEffort: "low",
    });
    const session = buildSessionUpdate(settings, { ...context, customerName: null }, []);
    expect(session.audio?.input?.turn_detection).toMatchObject({ type: "semantic_vad", eagerness: "low" });
    expect(session.reasoning).toEqual({ effort: "low" });
    expect(buildSessionUpdate(realtimeSettingsSchema.parse({}), context, [])).not.toHaveProperty("reasoning");
  });
});
