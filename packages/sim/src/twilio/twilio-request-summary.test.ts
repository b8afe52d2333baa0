import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTwilioRest, type RecordedTwilioRequest } from "./fake-twilio-rest.ts";
import { summarizeTwilioRequest } from "./twilio-request-summary.ts";

const ACCOUNT = "/2010-04-01/Accounts/AClocal";
const CALL_SID = "CA0123456789abcdef0123456789abcdef";

describe("the fake Twilio REST API's request log", () => {
  const seen: RecordedTwilioRequest[] = [];
  let twilio: FakeTwilioRest;
  beforeAll(async () => {
    twilio = await FakeTwilioRest.start({ onRequest: (r) => seen.push(r) });
  });
  afterAll(() => twilio.close());

  const post = (path: string, params: Record<string, string>) =>
    fetch(`${twilio.url}${ACCOUNT}${path}`, { method: "POST", body: new URLSearchParams(params) });

  it("tells of each request as it arrives, and says what Twilio would have done", async () => {
    await post("/Calls.json", { To: "+819033334444", From: "+815012345678", Url: "https://b/voice" });
    await post(`/Calls/${CALL_SID}.json`, { Twiml: "<Response><Dial>+81312345678</Dial></Response>" });
    await post(`/Calls/${CALL_SID}.json`, { Status: "completed" });
    await post("/Messages.json", { To: "+819033334444", From: "+815012345678", Body: "ご予約を承りました" });

    expect(seen).toEqual(twilio.requests);
    expect(seen.map(summarizeTwilioRequest)).toEqual([
      {
        msg: "Twilio would place an outbound call",
        fields: { to: "+819033334444", from: "+815012345678", webhook: "https://b/voice" },
      },
      {
        msg: "Twilio would redirect the live call",
        fields: { callSid: CALL_SID, twiml: "<Response><Dial>+81312345678</Dial></Response>" },
      },
      { msg: "Twilio would hang up the call", fields: { callSid: CALL_SID } },
      {
        msg: "Twilio would send an SMS",
        fields: { to: "+819033334444", from: "+815012345678", body: "ご予約を承りました" },
      },
    ]);
  });
});
