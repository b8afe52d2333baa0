import {
  type CallEventPayload,
  REALTIME_PRICES_PER_MILLION,
  type RealtimeModel,
  TOKEN_COUNT_KINDS,
  type TokenCounts,
} from "@koe/shared";
import type { RealtimeResponseUsage } from "openai/resources/realtime/realtime";

/** PostgreSQL's `integer`, the type of the call row's token columns. */
const MAX_COLUMN_VALUE = 2_147_483_647;

/** A call's token usage, summed from every `response.done` and transcription, and what it costs. */
export class UsageMeter {
  readonly totals = Object.fromEntries(TOKEN_COUNT_KINDS.map((kind) => [kind, 0])) as TokenCounts;
  /** Of the cached input, the audio part (billed at the cached audio rate). */
  private cachedAudioTokens = 0;
  private readonly model: RealtimeModel;

  constructor(model: RealtimeModel) {
    this.model = model;
  }

  /** Adds one response's usage; returns it as a `usage` call event payload. */
  addResponse(usage: RealtimeResponseUsage, responseId: string | undefined): CallEventPayload<"usage"> {
    const counts: TokenCounts = {
      inputTextTokens: usage.input_token_details?.text_tokens ?? 0,
      inputAudioTokens: usage.input_token_details?.audio_tokens ?? 0,
      inputCachedTokens: usage.input_token_details?.cached_tokens ?? 0,
      outputTextTokens: usage.output_token_details?.text_tokens ?? 0,
      outputAudioTokens: usage.output_token_details?.audio_tokens ?? 0,
      transcriptionTokens: 0,
    };
    for (const kind of TOKEN_COUNT_KINDS) this.add(kind, counts[kind]);
    this.cachedAudioTokens += usage.input_token_details?.cached_tokens_details?.audio_tokens ?? 0;
    return { responseId, ...counts };
  }

  addTranscription(tokens: number): void {
    this.add("transcriptionTokens", tokens);
  }

  /** The row's columns are 32-bit: a total never passes their maximum, or the row could not be written. */
  private add(total: keyof TokenCounts, tokens: number): void {
    this.totals[total] = Math.min(MAX_COLUMN_VALUE, this.totals[total] + tokens);
  }

  /**
   * USD so far at the published per-million prices. Cached input audio is billed at the cached
   * audio rate; cached text has no published price in our table, so it is billed as ordinary text
   * (an upper bound, the safe side for budgets). Transcription is not in the table and not counted.
   */
  costUsd(): number {
    const price = REALTIME_PRICES_PER_MILLION[this.model];
    const u = this.totals;
    const cachedAudio = Math.min(this.cachedAudioTokens, u.inputAudioTokens);
    const microDollars =
      (u.inputAudioTokens - cachedAudio) * price.audioInput +
      cachedAudio * price.cachedAudioInput +
      u.inputTextTokens * price.textInput +
      u.outputAudioTokens * price.audioOutput +
      u.outputTextTokens * price.textOutput;
    return Math.round(microDollars) / 1_000_000;
  }
}
