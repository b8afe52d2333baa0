import type {
  RealtimeAudioFormats,
  RealtimeSessionCreateRequest,
  RealtimeToolsConfig,
} from "openai/resources/realtime/realtime";
import { isReasoningModel } from "./models.ts";
import type { RealtimeSettings } from "./settings.ts";
import { fillTemplate } from "./template-variables.ts";

/** The transcription model for callers: a current GA one, in Japanese. */
export const TRANSCRIPTION_MODEL = "gpt-transcribe";

const LANGUAGE_NOTE =
  "\n\nお客様は日本語で話します。聞き取った内容は日本語(漢字・かな)として理解し、必ず日本語で応答してください。";

/** Twilio's 8 kHz μ-law, passed through with no transcoding. */
export const TWILIO_AUDIO_FORMAT: RealtimeAudioFormats = { type: "audio/pcmu" };

/**
 * The realtime session an agent's settings make: the one `session.update` a phone call sends
 * (Twilio's μ-law in and out), or the session of an in-browser test call (its own audio format,
 * no tools). The agent's voice, speed and instructions with template variables filled, Japanese
 * transcription and turn detection.
 */
export function buildSessionUpdate(
  settings: RealtimeSettings,
  context: { companyName: string; agentName: string; customerName: string | null; today: string },
  tools: RealtimeToolsConfig,
  audioFormat: RealtimeAudioFormats = TWILIO_AUDIO_FORMAT,
): RealtimeSessionCreateRequest {
  const td = settings.turnDetection;
  return {
    type: "realtime",
    model: settings.model,
    output_modalities: ["audio"],
    instructions:
      fillTemplate(settings.instructions, {
        company_name: context.companyName,
        agent_name: context.agentName,
        customer_name: context.customerName ?? undefined,
        today: context.today,
      }) + LANGUAGE_NOTE,
    audio: {
      input: {
        format: audioFormat,
        transcription: { model: TRANSCRIPTION_MODEL, language: "ja" },
        noise_reduction: settings.noiseReduction ? { type: settings.noiseReduction } : undefined,
        turn_detection:
          td.type === "server_vad"
            ? {
                type: "server_vad",
                threshold: td.threshold,
                prefix_padding_ms: td.prefixPaddingMs,
                silence_duration_ms: td.silenceDurationMs,
                create_response: true,
                interrupt_response: true,
              }
            : {
                type: "semantic_vad",
                eagerness: td.eagerness,
                create_response: true,
                interrupt_response: true,
              },
      },
      output: { format: audioFormat, voice: settings.voice, speed: settings.speed },
    },
    ...(settings.reasoningEffort && isReasoningModel(settings.model)
      ? { reasoning: { effort: settings.reasoningEffort } }
      : {}),
    tools,
    tool_choice: "auto",
  };
}
