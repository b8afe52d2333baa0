import { describe, expect, it } from "vitest";
import { UsageMeter } from "./usage-meter.ts";

describe("UsageMeter", () => {
  it("sums responses and prices them per model, cached audio at the cached rate", () => {
    const meter = new UsageMeter("gpt-realtime-2.1");
    meter.addResponse(
      {
        input_token_details: {
          text_tokens: 1000,
          audio_tokens: 2000,
          cached_tokens: 1300,
          cached_tokens_details: { audio_tokens: 500, text_tokens: 800 },
        },
        output_token_details: { text_tokens: 100, audio_tokens: 3000 },
      },
      "resp_1",
    );
    meter.addResponse(
      { input_token_details: { audio_tokens: 1000 }, output_token_details: { audio_tokens: 1000 } },
      "resp_2",
    );
    expect(meter.totals).toMatchObject({
      inputTextTokens: 1000,
      inputAudioTokens: 3000,
      inputCachedTokens: 1300,
      outputAudioTokens: 4000,
    });
    // 2500 × $32 + 500 × $0.40 (cached audio) + 1000 × $4 (cached text as text) + 4000 × $64 + 100 × $24, per million
    expect(meter.costUsd()).toBeCloseTo((2500 * 32 + 500 * 0.4 + 1000 * 4 + 4000 * 64 + 100 * 24) / 1e6, 6);
    expect(new UsageMeter("gpt-realtime-2.1-mini").costUsd()).toBe(0);
  });
});
