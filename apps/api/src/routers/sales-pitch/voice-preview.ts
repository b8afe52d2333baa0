import type { PrismaClient } from "@koe/db";
import type { RealtimeVoice } from "@koe/shared";
import OpenAI from "openai";
import type { Logger } from "../../logger.ts";

/** The line every voice preview speaks. */
export const PREVIEW_TEXT = "お電話ありがとうございます。ご用件をお伺いいたします。";
/** OpenAI's speech model that has the realtime voices (marin and cedar included). */
export const PREVIEW_MODEL = "gpt-4o-mini-tts";
const CONTENT_TYPE = "audio/mpeg";

/**
 * Why there is no sample: a code the web words in the admin's language. `api_key_rejected`: OpenAI
 * refused the key (wrong, revoked, or the local simulator's stand-in, which OpenAI would refuse too).
 */
export type VoicePreviewUnavailable = "no_api_key" | "api_key_rejected" | "generation_failed";

export type VoicePreview =
  | { available: true; voice: RealtimeVoice; text: string; contentType: string; audioBase64: string }
  | { available: false; voice: RealtimeVoice; reason: VoicePreviewUnavailable };

/**
 * A sample of the voice, generated once through OpenAI's speech API and then served from the
 * database to every api process. Without an OpenAI key (and nothing cached), it says so instead.
 */
export async function voicePreview(
  deps: { prisma: PrismaClient; openai: OpenAI | null; logger: Logger },
  voice: RealtimeVoice,
): Promise<VoicePreview> {
  const key = { voice_text: { voice, text: PREVIEW_TEXT } };
  const cached = await deps.prisma.voicePreview.findUnique({
    where: key,
    select: { contentType: true, audio: true },
  });
  if (cached) return ready(voice, cached.contentType, cached.audio);
  if (!deps.openai) return { available: false, voice, reason: "no_api_key" };
  let audio: Uint8Array<ArrayBuffer>;
  try {
    const speech = await deps.openai.audio.speech.create({
      model: PREVIEW_MODEL,
      voice,
      input: PREVIEW_TEXT,
      response_format: "mp3",
    });
    audio = new Uint8Array(await speech.arrayBuffer());
  } catch (error) {
    deps.logger.warn({ err: error, voice }, "voice preview generation failed");
    const rejected =
      error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError;
    return { available: false, voice, reason: rejected ? "api_key_rejected" : "generation_failed" };
  }
  // Two admins previewing at once both generate; the first row stays.
  const stored = await deps.prisma.voicePreview.upsert({
    where: key,
    create: { voice, text: PREVIEW_TEXT, contentType: CONTENT_TYPE, audio },
    update: {},
    select: { contentType: true, audio: true },
  });
  return ready(voice, stored.contentType, stored.audio);
}

function ready(voice: RealtimeVoice, contentType: string, audio: Uint8Array): VoicePreview {
  return {
    available: true,
    voice,
    text: PREVIEW_TEXT,
    contentType,
    audioBase64: Buffer.from(audio).toString("base64"),
  };
}
