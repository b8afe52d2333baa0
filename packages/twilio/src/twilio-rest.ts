import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient.js";

/** The Twilio REST actions Koe takes on live calls (the bridge on failures, the api for operators). */
export type TwilioRest = {
  /** Replaces what a live call is doing with new TwiML (e.g. an apology and a <Dial>). */
  redirect(callSid: string, twiml: string): Promise<void>;
  hangUp(callSid: string): Promise<void>;
};

/** Sends the SDK's requests to another origin than api.twilio.com (the fake Twilio REST server in tests). */
class RedirectingRequestClient extends twilio.RequestClient {
  private readonly base: string;

  constructor(base: string) {
    super();
    this.base = base.replace(/\/$/, "");
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
  if (!env.TWILIO_ACCOUNT_SID || !env.TWILIO_AUTH_TOKEN) return null;
  const client = twilio(env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, {
    ...(env.TWILIO_API_BASE_URL ? { httpClient: new RedirectingRequestClient(env.TWILIO_API_BASE_URL) } : {}),
  });
  return {
    async redirect(callSid, twiml) {
      await client.calls(callSid).update({ twiml });
    },
    async hangUp(callSid) {
      await client.calls(callSid).update({ status: "completed" });
    },
  };
}
