import { DEMO } from "@koe/db";
import { insertTestCall } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiHarness } from "../testing/api-harness.ts";
import { startSignedInApi } from "../testing/served-api.ts";

const RECORDING_SID = `RE${"d".repeat(32)}`;

describe("GET /api/calls/<id>/recording", () => {
  let h: ApiHarness;
  let base: string;
  let close: () => Promise<void>;
  let cookie: string;
  let callId: string;
  beforeAll(async () => {
    ({ h, base, cookie, close } = await startSignedInApi(DEMO.operatorEmail, "10.9.0.1"));
    const call = await insertTestCall(h.db.prisma, { status: "completed", recordingSid: RECORDING_SID });
    callId = call.id;
    h.twilio.recordings.set(RECORDING_SID, Buffer.from("ID3 fake mp3 audio"));
  });
  afterAll(() => close());

  const get = (id: string, withCookie = true) =>
    fetch(`${base}/api/calls/${id}/recording`, { headers: withCookie ? { cookie } : {} });

  it("streams the company's recording from Twilio with the account's credentials", async () => {
    const res = await get(callId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/mpeg");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.text()).toBe("ID3 fake mp3 audio");
    expect(h.twilio.requests.at(-1)).toMatchObject({
      method: "GET",
      path: `/2010-04-01/Accounts/ACtest/Recordings/${RECORDING_SID}.mp3`,
      accountSid: "ACtest",
    });
  });

  it("refuses a signed-out browser, and another company's call is not found", async () => {
    expect((await get(callId, false)).status).toBe(401);
    await h.db.prisma.callSession.update({
      where: { id: h.other.callId },
      data: { recordingSid: RECORDING_SID },
    });
    const requests = h.twilio.requests.length;
    expect((await get(h.other.callId)).status).toBe(404);
    expect(h.twilio.requests.length).toBe(requests);
  });

  it("answers 502 when Twilio does not have the recording", async () => {
    await h.db.prisma.callSession.update({
      where: { id: callId },
      data: { recordingSid: `RE${"e".repeat(32)}` },
    });
    expect((await get(callId)).status).toBe(502);
  });
});
