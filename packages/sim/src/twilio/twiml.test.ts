import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { parseTwiml } from "./twiml.ts";

describe("parseTwiml", () => {
  it("reads a <Connect><Stream> with its parameters", () => {
    const response = new twilio.twiml.VoiceResponse();
    const stream = response.connect().stream({ url: "wss://voice.example.jp/api/twilio/media-stream/a1" });
    stream.parameter({ name: "token", value: "t.1" });
    stream.parameter({ name: "agentId", value: "ag" });
    expect(parseTwiml(response.toString())).toEqual({
      stream: {
        url: "wss://voice.example.jp/api/twilio/media-stream/a1",
        parameters: { token: "t.1", agentId: "ag" },
      },
      says: [],
      gatherAction: null,
      dial: null,
      hangup: false,
    });
  });

  it("reads the legacy engine's <Gather>, <Say>, <Dial> and <Hangup>", () => {
    const response = new twilio.twiml.VoiceResponse();
    response.say({ language: "ja-JP" }, "お電話ありがとうございます。");
    response
      .gather({ input: ["speech"], language: "ja-JP", action: "/api/twilio/legacy/turn" })
      .say({ language: "ja-JP" }, "ご用件をどうぞ。");
    response.dial("+81312345678");
    response.hangup();
    expect(parseTwiml(response.toString())).toMatchObject({
      says: ["お電話ありがとうございます。", "ご用件をどうぞ。"],
      gatherAction: "/api/twilio/legacy/turn",
      dial: "+81312345678",
      hangup: true,
    });
  });

  it("refuses what is not TwiML", () => {
    expect(() => parseTwiml("<html><body>502 Bad Gateway</body></html>")).toThrow(/Not a TwiML <Response>/);
  });
});
