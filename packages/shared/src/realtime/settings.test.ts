import { describe, expect, it } from "vitest";
import { realtimeSettingsSchema, SPEED_RANGE, savableRealtimeSettingsSchema } from "./settings.ts";

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

describe("savableRealtimeSettingsSchema", () => {
  const issueOf = (input: object) => savableRealtimeSettingsSchema.safeParse(input).error?.issues[0];

  it("refuses an empty prompt only while the Realtime API is on", () => {
    expect(issueOf({ enabled: true, instructions: "  \n" })).toMatchObject({
      path: ["instructions"],
      params: { problem: "emptyWhileEnabled" },
    });
    expect(savableRealtimeSettingsSchema.safeParse({ enabled: false, instructions: "" }).success).toBe(true);
    expect(savableRealtimeSettingsSchema.safeParse({ enabled: true, instructions: "受付です" }).success).toBe(
      true,
    );
  });

  it("refuses placeholders that are no template variable, naming them", () => {
    expect(issueOf({ instructions: "あなたは{{company}}の受付です。{{unknown_var}}様。" })).toMatchObject({
      path: ["instructions"],
      params: { problem: "unknownVariables", names: ["company", "unknown_var"] },
    });
  });

  it("still reads a stored row with either problem through the lenient schema", () => {
    expect(realtimeSettingsSchema.safeParse({ enabled: true, instructions: "{{company}}" }).success).toBe(
      true,
    );
  });
});
