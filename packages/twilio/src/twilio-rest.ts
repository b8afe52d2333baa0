import type twilio from "twilio";
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
  let opened: Promise<TwilioClient> | null = null;
  const rest = () => {
    opened ??= openClient(accountSid, authToken, env.TWILIO_API_BASE_URL ? base : null).catch(
      (error: unknown) => {
        opened = null;
        throw error;
      },
    );
    return opened;
  };
  return {
    async redirect(callSid, twiml) {
      await (await rest()).calls(callSid).update({ twiml });
    },
    async hangUp(callSid) {
      await (await rest()).calls(callSid).update({ status: "completed" });
    },
    async placeCall(request) {
      const call = await (await rest()).calls.create({
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
      const sent = await (await rest()).messages.create(message);
      return sent.sid;
    },
    recordingAudio(recordingSid) {
      const url = `${base}/2010-04-01/Accounts/${accountSid}/Recordings/${encodeURIComponent(recordingSid)}.mp3`;
      const credentials = Buffer.from(`${accountSid}:${authToken}`).toString("base64");
      return fetch(url, { headers: { authorization: `Basic ${credentials}` } });
    },
  };
}

type TwilioClient = ReturnType<typeof twilio>;

/**
 * The SDK's REST client, loaded on the first request: it brings the SDK's whole REST surface and
 * HTTP stack (about 5 MB of a process's memory), which a bridge that never redirects, hangs up or
 * texts does not need. `base`: another origin than api.twilio.com (the fake Twilio REST server).
 */
async function openClient(accountSid: string, authToken: string, base: string | null): Promise<TwilioClient> {
  const { default: sdk } = await import("twilio");
  if (base === null) return sdk(accountSid, authToken);
  const origin = base;
  class RedirectingRequestClient extends sdk.RequestClient {
    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      return super.request<TData>({
        ...opts,
        uri: opts.uri.replace(/^https:\/\/api\.twilio\.com/, origin),
      });
    }
  }
  return sdk(accountSid, authToken, { httpClient: new RedirectingRequestClient() });
}
