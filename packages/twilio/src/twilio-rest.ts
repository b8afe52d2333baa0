import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient.js";

/** An outbound call for Twilio to place; Twilio fetches `url` (the bridge's voice webhook) once answered. */
export type PlaceCallRequest = {
  to: string;
  from: string;
  url: string;
  statusCallback: string;
  /** Seconds Twilio lets it ring. */
  timeoutSeconds: number;
};

/** The Twilio REST actions Koe takes (the bridge on live calls and tools, the api for people). */
export type TwilioRest = {
  /** Replaces what a live call is doing with new TwiML (e.g. an apology and a <Dial>). */
  redirect(callSid: string, twiml: string): Promise<void>;
  hangUp(callSid: string): Promise<void>;
  /** Places an outbound call with answering-machine detection; resolves to its CallSid. */
  placeCall(request: PlaceCallRequest): Promise<string>;
  /** Sends an SMS; resolves to its MessageSid. */
  sendSms(message: { from: string; to: string; body: string }): Promise<string>;
  /** A recording's audio (mp3), fetched with the account's credentials: never give the URL to a browser. */
  recordingAudio(recordingSid: string): Promise<Response>;
};

const TWILIO_ORIGIN = "https://api.twilio.com";

/** Sends the SDK's requests to another origin than api.twilio.com (the fake Twilio REST server in tests). */
class RedirectingRequestClient extends twilio.RequestClient {
  private readonly base: string;

  constructor(base: string) {
    super();
    this.base = base;
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.base) });
  }
}

export type TwilioCredentials = {
  TWILIO_ACCOUNT_SID?: string | undefined;
  TWILIO_AUTH_TOKEN?: string | undefined;
  /** Another origin than api.twilio.com: the fake Twilio REST server in tests and local demos. */
  TWILIO_API_BASE_URL?: string | undefined;
};

/** The REST client, or null when Twilio credentials are not configured (local development). */
export function createTwilioRest(env: TwilioCredentials): TwilioRest | null {
  const accountSid = env.TWILIO_ACCOUNT_SID;
  const authToken = env.TWILIO_AUTH_TOKEN;
  if (!accountSid || !authToken) return null;
  const base = (env.TWILIO_API_BASE_URL ?? TWILIO_ORIGIN).replace(/\/$/, "");
  const client = twilio(accountSid, authToken, {
    ...(env.TWILIO_API_BASE_URL ? { httpClient: new RedirectingRequestClient(base) } : {}),
  });
  return {
    async redirect(callSid, twiml) {
      await client.calls(callSid).update({ twiml });
    },
    async hangUp(callSid) {
      await client.calls(callSid).update({ status: "completed" });
    },
    async placeCall(request) {
      const call = await client.calls.create({
        to: request.to,
        from: request.from,
        url: request.url,
        method: "POST",
        statusCallback: request.statusCallback,
        statusCallbackMethod: "POST",
        statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
        // The voice webhook waits for the verdict (AnsweredBy) so the agent never greets a machine blindly.
        machineDetection: "Enable",
        timeout: request.timeoutSeconds,
      });
      return call.sid;
    },
    async sendSms(message) {
      const sent = await client.messages.create(message);
      return sent.sid;
    },
    recordingAudio(recordingSid) {
      const url = `${base}/2010-04-01/Accounts/${accountSid}/Recordings/${encodeURIComponent(recordingSid)}.mp3`;
      const credentials = Buffer.from(`${accountSid}:${authToken}`).toString("base64");
      return fetch(url, { headers: { authorization: `Basic ${credentials}` } });
    },
  };
}
