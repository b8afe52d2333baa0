import type { RecordedTwilioRequest } from "./fake-twilio-rest.ts";

/** What Twilio would have done for one REST request, as a log line's message and fields. */
export type TwilioRequestSummary = { msg: string; fields: Record<string, string> };

const CALL = /\/Calls(?:\/(CA\w+))?\.json$/;

/**
 * Says in a line what a request to the fake Twilio REST API would have made Twilio do: place a
 * call, redirect or hang up a live call, send an SMS, or serve a recording.
 */
export function summarizeTwilioRequest(request: RecordedTwilioRequest): TwilioRequestSummary {
  const { method, path, params } = request;
  const call = CALL.exec(path);
  if (method === "POST" && call && call[1] === undefined) {
    return {
      msg: "Twilio would place an outbound call",
      fields: { to: params.To ?? "", from: params.From ?? "", webhook: params.Url ?? "" },
    };
  }
  if (method === "POST" && call?.[1]) {
    const callSid = call[1];
    if (params.Status === "completed") return { msg: "Twilio would hang up the call", fields: { callSid } };
    return { msg: "Twilio would redirect the live call", fields: { callSid, twiml: params.Twiml ?? "" } };
  }
  if (method === "POST" && path.endsWith("/Messages.json")) {
    return {
      msg: "Twilio would send an SMS",
      fields: { to: params.To ?? "", from: params.From ?? "", body: params.Body ?? "" },
    };
  }
  if (method === "GET" && path.includes("/Recordings/"))
    return { msg: "Twilio would serve a recording's audio", fields: { path } };
  return { msg: "Twilio was asked for something Koe does not use", fields: { method, path } };
}
