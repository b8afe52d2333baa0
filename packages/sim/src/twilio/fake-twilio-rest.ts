import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedTwilioRequest = {
  method: string;
  /** Path below the API origin, e.g. /2010-04-01/Accounts/AC…/Calls/CA….json */
  path: string;
  params: Record<string, string>;
  /** The account the request was authenticated as (HTTP basic auth user). */
  accountSid: string | null;
};

/** A Twilio REST error, in the shape the API answers with. */
export type TwilioRestError = { status: number; code: number; message: string };

const CALL_PATH = /^\/2010-04-01\/Accounts\/(AC\w+)\/Calls(?:\/(CA\w+))?\.json$/;

/**
 * Twilio's REST API on loopback for tests: records what the bridge and the api ask for and answers
 * the way Twilio does (call resources, and its error JSON when told to fail). Point the `twilio` SDK
 * at `url` (TWILIO_API_BASE_URL).
 */
export class FakeTwilioRest {
  readonly url: string;
  readonly requests: RecordedTwilioRequest[] = [];
  /** Answer the next requests with this error (`remaining` times). */
  failWith: (TwilioRestError & { remaining: number }) | null = null;
  private readonly server: Server;

  private constructor(server: Server, url: string) {
    this.server = server;
    this.url = url;
    server.on("request", (req, res) => void this.handle(req, res));
  }

  static async start(): Promise<FakeTwilioRest> {
    const server = createServer();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return new FakeTwilioRest(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  /** Requests that updated a live call (`calls(sid).update`). */
  callUpdates(callSid?: string): RecordedTwilioRequest[] {
    return this.requests.filter(
      (r) => r.method === "POST" && r.path.includes("/Calls/") && (!callSid || r.path.includes(callSid)),
    );
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = "";
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url ?? "/", this.url);
    const auth = req.headers.authorization?.startsWith("Basic ")
      ? (Buffer.from(req.headers.authorization.slice(6), "base64").toString().split(":")[0] ?? null)
      : null;
    const request = {
      method: req.method ?? "GET",
      path: url.pathname,
      params: Object.fromEntries(new URLSearchParams(body)),
      accountSid: auth,
    };
    this.requests.push(request);
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    };
    if (this.failWith && this.failWith.remaining > 0) {
      this.failWith.remaining--;
      const { status, code, message } = this.failWith;
      return reply(status, {
        code,
        message,
        more_info: `https://www.twilio.com/docs/errors/${code}`,
        status,
      });
    }
    const match = CALL_PATH.exec(url.pathname);
    if (!match)
      return reply(404, {
        code: 20404,
        message: "The requested resource was not found",
        more_info: "https://www.twilio.com/docs/errors/20404",
        status: 404,
      });
    const [, accountSid, callSid] = match;
    const sid = callSid ?? `CA${Math.random().toString(16).slice(2).padEnd(32, "0").slice(0, 32)}`;
    reply(callSid ? 200 : 201, {
      sid,
      account_sid: accountSid,
      status: request.params.Status ?? (callSid ? "in-progress" : "queued"),
      to: request.params.To ?? null,
      from: request.params.From ?? null,
      direction: callSid ? "inbound" : "outbound-api",
      api_version: "2010-04-01",
      uri: `/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json`,
    });
  }
}
