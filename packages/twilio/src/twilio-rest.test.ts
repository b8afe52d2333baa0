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
});
