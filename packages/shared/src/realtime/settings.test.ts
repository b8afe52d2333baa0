import { describe, expect, it } from "vitest";
import { realtimeSettingsSchema, SPEED_RANGE } from "./settings.ts";

describe("realtimeSettingsSchema", () => {
  it("fills GA defaults with the Realtime API off", () => {
    const s = realtimeSettingsSchema.parse({});
    expect(s).toMatchObject({ enabled: false, model: "gpt-realtime-2.1", voice: "marin", speed: 1 });
    expect(s.turnDetection).toEqual({
      type: "server_vad",
      threshold: 0.5,
      prefixPaddingMs: 300,
      silenceDurationMs: 500,
    });
  });

  it("offers speed only within what GA accepts", () => {
    expect(realtimeSettingsSchema.safeParse({ speed: SPEED_RANGE.max }).success).toBe(true);
    expect(realtimeSettingsSchema.safeParse({ speed: 2.0 }).success).toBe(false);
    expect(realtimeSettingsSchema.safeParse({ speed: 0.25 }).success).toBe(false);
  });

  it("refuses TTS-only voices and retired models", () => {
    for (const voice of ["fable", "onyx", "nova"]) {
      expect(realtimeSettingsSchema.safeParse({ voice }).success).toBe(false);
    }
    expect(realtimeSettingsSchema.safeParse({ model: "gpt-4o-realtime-preview" }).success).toBe(false);
  });

  it("never stores a temperature, which GA sessions do not have", () => {
    const result = realtimeSettingsSchema.safeParse({ temperature: 0.8 });
    expect(result.success).toBe(false);
  });

  it("accepts reasoning effort on reasoning models", () => {
    expect(
      realtimeSettingsSchema.parse({ model: "gpt-realtime-2.1-mini", reasoningEffort: "low" })
        .reasoningEffort,
    ).toBe("low");
  });
});
