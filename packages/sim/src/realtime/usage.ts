import type { RealtimeResponseUsage } from "openai/resources/realtime/realtime";

/**
 * Token usage in the proportions the API reports: audio ≈ 10 tokens/s in and 20 tokens/s out,
 * text ≈ one token per two Japanese characters, most of the repeated prompt served from cache.
 */
export function responseUsage(
  input: { instructionsChars: number; inputAudioMs: number; turn: number },
  output: { audioMs: number; text: string },
): RealtimeResponseUsage {
  const textIn = Math.ceil(input.instructionsChars / 2) + 20 * input.turn;
  const audioIn = Math.ceil(input.inputAudioMs / 100);
  const cached = input.turn > 0 ? Math.floor(textIn * 0.8) : 0;
  const textOut = Math.ceil(output.text.length / 2);
  const audioOut = Math.ceil(output.audioMs / 50);
  return {
    input_tokens: textIn + audioIn,
    input_token_details: {
      text_tokens: textIn,
      audio_tokens: audioIn,
      cached_tokens: cached,
      image_tokens: 0,
    },
    output_tokens: textOut + audioOut,
    output_token_details: { text_tokens: textOut, audio_tokens: audioOut },
    total_tokens: textIn + audioIn + textOut + audioOut,
  };
}
