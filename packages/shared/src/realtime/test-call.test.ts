import { describe, expect, it } from "vitest";
import { realtimeCallsUrl, testCallSecretSchema } from "./test-call.ts";

describe("the test call's secret", () => {
  it("puts the WebRTC calls endpoint under the OpenAI base URL, with or without a trailing slash", () => {
    expect(realtimeCallsUrl("https://api.openai.com/v1")).toBe("https://api.openai.com/v1/realtime/calls");
    expect(realtimeCallsUrl("http://127.0.0.1:8091/v1/")).toBe("http://127.0.0.1:8091/v1/realtime/calls");
  });

  it("accepts what the api sends and refuses a calls URL that is not one", () => {
    const secret = {
      value: "ek_abc",
      expiresAt: 1_800_000_000,
      model: "gpt-realtime-2.1",
      callsUrl: "https://api.openai.com/v1/realtime/calls",
    };
    expect(testCallSecretSchema.parse(secret)).toEqual(secret);
    expect(testCallSecretSchema.safeParse({ ...secret, callsUrl: "/realtime/calls" }).success).toBe(false);
  });
});
