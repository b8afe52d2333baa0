import { FakeTwilioRest } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operatorTwiml } from "./operator-twiml.ts";
import { createTwilioRest } from "./twilio-rest.ts";

describe("createTwilioRest", () => {
  let fake: FakeTwilioRest;
  beforeAll(async () => {
    fake = await FakeTwilioRest.start();
  });
  afterAll(() => fake.close());

  it("is null without credentials", () => {
    expect(createTwilioRest({ TWILIO_ACCOUNT_SID: "ACx" })).toBeNull();
  });

  it("redirects a live call with TwiML and hangs up, as the account, at TWILIO_API_BASE_URL", async () => {
    const rest = createTwilioRest({
      TWILIO_ACCOUNT_SID: "ACtest",
      TWILIO_AUTH_TOKEN: "token",
      TWILIO_API_BASE_URL: fake.url,
    });
    const twiml = operatorTwiml({ phoneNumber: "+81312345678", conferenceName: null });
    await rest?.redirect("CA123", twiml);
    await rest?.hangUp("CA123");
    const [redirect, hangUp] = fake.callUpdates("CA123");
    expect(redirect).toMatchObject({ accountSid: "ACtest", params: { Twiml: twiml } });
    expect(hangUp?.params).toEqual({ Status: "completed" });
  });

  it("rejects with Twilio's error when the call cannot be updated", async () => {
    const rest = createTwilioRest({
      TWILIO_ACCOUNT_SID: "ACtest",
      TWILIO_AUTH_TOKEN: "t",
      TWILIO_API_BASE_URL: fake.url,
    });
    fake.failWith = { status: 400, code: 21220, message: "Call is not in-progress", remaining: 1 };
    await expect(rest?.hangUp("CA999")).rejects.toThrow("Call is not in-progress");
  });

  it("places an outbound call with status callbacks and answering-machine detection", async () => {
    const rest = createTwilioRest({
      TWILIO_ACCOUNT_SID: "ACtest",
      TWILIO_AUTH_TOKEN: "t",
      TWILIO_API_BASE_URL: fake.url,
    });
    const sid = await rest?.placeCall({
      to: "+819033334444",
      from: "+815012345678",
      url: "https://voice.example.jp/api/twilio/voice?agentId=a1",
      statusCallback: "https://voice.example.jp/api/twilio/status",
      timeoutSeconds: 30,
    });
    expect(sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(fake.callsCreated().at(-1)?.params).toMatchObject({
      To: "+819033334444",
      From: "+815012345678",
      Url: "https://voice.example.jp/api/twilio/voice?agentId=a1",
      StatusCallback: "https://voice.example.jp/api/twilio/status",
      MachineDetection: "Enable",
      Timeout: "30",
    });
  });

  it("sends an SMS and fetches a recording's audio with the account's credentials", async () => {
    const rest = createTwilioRest({
      TWILIO_ACCOUNT_SID: "ACtest",
      TWILIO_AUTH_TOKEN: "t",
      TWILIO_API_BASE_URL: fake.url,
    });
    expect(await rest?.sendSms({ from: "+815012345678", to: "+819033334444", body: "ご予約" })).toMatch(
      /^SM/,
    );
    expect(fake.messages().at(-1)?.params).toMatchObject({ To: "+819033334444", Body: "ご予約" });
    const recordingSid = `RE${"a".repeat(32)}`;
    fake.recordings.set(recordingSid, Buffer.from("ID3-audio"));
    const audio = await rest?.recordingAudio(recordingSid);
    expect(audio?.status).toBe(200);
    expect(await audio?.text()).toBe("ID3-audio");
    expect((await rest?.recordingAudio(`RE${"b".repeat(32)}`))?.status).toBe(404);
  });
});
