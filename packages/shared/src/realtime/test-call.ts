import { z } from "zod";
import { REALTIME_MODELS } from "./models.ts";

/** What the api gives a browser for an in-browser test call (the browser then talks to OpenAI itself). */
export const testCallSecretSchema = z.object({
  /** The GA client secret (`ek_…`): the browser's `Authorization: Bearer` for the call. */
  value: z.string().min(1),
  /** Seconds since the epoch; after it the secret opens no call. */
  expiresAt: z.number().int(),
  model: z.enum(REALTIME_MODELS),
  /** Where the browser posts its SDP offer: OpenAI's WebRTC endpoint under the api's OPENAI_BASE_URL. */
  callsUrl: z.url(),
});
export type TestCallSecret = z.infer<typeof testCallSecretSchema>;

/** OpenAI's WebRTC calls endpoint under a REST base URL: `https://api.openai.com/v1` → `…/v1/realtime/calls`. */
export function realtimeCallsUrl(openaiBaseUrl: string): string {
  return `${openaiBaseUrl.replace(/\/+$/, "")}/realtime/calls`;
}
