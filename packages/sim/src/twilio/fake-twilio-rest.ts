import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import {
  encodeLiveCallUpdate,
  LIVE_CALL_PATH,
  type LiveCallUpdate,
  liveCallUpdateOf,
} from "./live-call-channel.ts";

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

const ACCOUNT = "/2010-04-01/Accounts/(AC\\w+)";
const CALL_PATH = new RegExp(`^${ACCOUNT}/Calls(?:/(CA\\w+))?\\.json$`);
const MESSAGES_PATH = new RegExp(`^${ACCOUNT}/Messages\\.json$`);
const RECORDING_MEDIA_PATH = new RegExp(`^${ACCOUNT}/Recordings/(RE\\w+)\\.mp3$`);

const NOT_FOUND: TwilioRestError = {
  status: 404,
  code: 20404,
  message: "The requested resource was not found",
};

function sid(prefix: string): string {
  return `${prefix}${Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join("")}`;
}

/**
 * Twilio's REST API on loopback for tests: records what the bridge and the api ask for and answers
 * the way Twilio does (call and message resources, recording audio, and its error JSON when told to
 * fail). Point the `twilio` SDK at `url` (TWILIO_API_BASE_URL).
 *
 * Live calls: a caller simulator given `twilioRestUrl` follows its call here (a WebSocket on
 * /_sim/calls/<CallSid>), so that an update with new TwiML or `Status=completed` does to the
 * simulated call what Twilio does to a real one: the media stream stops and the new TwiML runs.
 */
export class FakeTwilioRest {
  readonly url: string;
  readonly requests: RecordedTwilioRequest[] = [];
  /** Answer the next requests (those whose path contains `pathIncludes`, if given) with this error, `remaining` times. */
  failWith: (TwilioRestError & { remaining: number; pathIncludes?: string }) | null = null;
  /**
   * Answer a call update only once the live call it stopped has hung up here (after its `stop`):
   * Twilio may deliver the stream's `stop` before its REST reply, and a test can make it so.
   */
  answerUpdatesAfterStop = false;
  /** Recording audio served at …/Recordings/<sid>.mp3, by RecordingSid. */
  readonly recordings = new Map<string, Buffer>();
  /** What each call update did (new TwiML followed, or a hang-up), in order. */
  readonly liveCallUpdates: { callSid: string; update: LiveCallUpdate }[] = [];
  /** Simulated calls in progress, by CallSid: the sockets they follow their updates on. */
  private readonly liveCalls = new Map<string, Set<WebSocket>>();
  private readonly server: Server;
  private readonly onRequest: (request: RecordedTwilioRequest) => void;

  private constructor(server: Server, url: string, onRequest: (request: RecordedTwilioRequest) => void) {
    this.server = server;
    this.url = url;
    this.onRequest = onRequest;
    server.on("request", (req, res) => void this.handle(req, res));
    const wss = new WebSocketServer({ noServer: true });
    server.on("upgrade", (req, socket, head) => {
      const callSid = LIVE_CALL_PATH.exec(new URL(req.url ?? "/", url).pathname)?.[1];
      if (!callSid) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => this.follow(callSid, ws));
    });
  }

  /** `onRequest` is told of each request as it arrives (the local demo logs them). */
  static async start(
    options: { onRequest?: (request: RecordedTwilioRequest) => void; port?: number } = {},
  ): Promise<FakeTwilioRest> {
    const server = createServer();
    server.listen(options.port ?? 0, "127.0.0.1");
    await once(server, "listening");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new FakeTwilioRest(server, url, options.onRequest ?? (() => {}));
  }

  /** Requests that updated a live call (`calls(sid).update`). */
  callUpdates(callSid?: string): RecordedTwilioRequest[] {
    return this.requests.filter(
      (r) => r.method === "POST" && r.path.includes("/Calls/") && (!callSid || r.path.includes(callSid)),
    );
  }

  /** Requests that placed an outbound call (`calls.create`). */
  callsCreated(): RecordedTwilioRequest[] {
    return this.requests.filter((r) => {
      const call = r.method === "POST" ? CALL_PATH.exec(r.path) : null;
      return call !== null && call[2] === undefined;
    });
  }

  /** Requests that sent an SMS (`messages.create`). */
  messages(): RecordedTwilioRequest[] {
    return this.requests.filter((r) => r.method === "POST" && MESSAGES_PATH.test(r.path));
  }

  /** Whether a simulated call is following `callSid` here (its updates reach the call). */
  isLive(callSid: string): boolean {
    return (this.liveCalls.get(callSid)?.size ?? 0) > 0;
  }

  close(): Promise<void> {
    for (const sockets of this.liveCalls.values()) for (const socket of sockets) socket.terminate();
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
    this.onRequest(request);
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    };
    const error = ({ status, code, message }: TwilioRestError) =>
      reply(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

    const failure = this.failWith;
    if (
      failure &&
      failure.remaining > 0 &&
      (!failure.pathIncludes || url.pathname.includes(failure.pathIncludes))
    ) {
      failure.remaining--;
      return error(failure);
    }
    const recording = RECORDING_MEDIA_PATH.exec(url.pathname);
    if (request.method === "GET" && recording) {
      const audio = this.recordings.get(recording[2] ?? "");
      if (!audio) return error(NOT_FOUND);
      res.writeHead(200, { "content-type": "audio/mpeg", "content-length": audio.length });
      res.end(audio);
      return;
    }
    const message = MESSAGES_PATH.exec(url.pathname);
    if (request.method === "POST" && message) {
      const messageSid = sid("SM");
      return reply(201, {
        sid: messageSid,
        account_sid: message[1],
        to: request.params.To ?? null,
        from: request.params.From ?? null,
        body: request.params.Body ?? "",
        status: "queued",
        api_version: "2010-04-01",
        uri: `/2010-04-01/Accounts/${message[1]}/Messages/${messageSid}.json`,
      });
    }
    const call = CALL_PATH.exec(url.pathname);
    if (request.method !== "POST" || !call) return error(NOT_FOUND);
    const [, accountSid, callSid] = call;
    if (callSid) {
      let update: LiveCallUpdate | null;
      try {
        update = liveCallUpdateOf(request.params);
      } catch (parseError) {
        return error({ status: 400, code: 21220, message: `Invalid TwiML: ${String(parseError)}` });
      }
      if (update) {
        const stopped = this.carryOut(callSid, update);
        if (this.answerUpdatesAfterStop) await stopped;
      }
    }
    const callResourceSid = callSid ?? sid("CA");
    reply(callSid ? 200 : 201, {
      sid: callResourceSid,
      account_sid: accountSid,
      status: request.params.Status ?? (callSid ? "in-progress" : "queued"),
      to: request.params.To ?? null,
      from: request.params.From ?? null,
      direction: callSid ? "inbound" : "outbound-api",
      api_version: "2010-04-01",
      uri: `/2010-04-01/Accounts/${accountSid}/Calls/${callResourceSid}.json`,
    });
  }

  private follow(callSid: string, socket: WebSocket): void {
    const sockets = this.liveCalls.get(callSid) ?? new Set();
    this.liveCalls.set(callSid, sockets.add(socket));
    socket.once("close", () => {
      sockets.delete(socket);
      if (sockets.size === 0) this.liveCalls.delete(callSid);
    });
  }

  /**
   * Hands the update to the live call, which stops its stream as Twilio would. Resolves once the
   * call has stopped following here (it sends `stop` first).
   */
  private async carryOut(callSid: string, update: LiveCallUpdate): Promise<void> {
    this.liveCallUpdates.push({ callSid, update });
    const sockets = [...(this.liveCalls.get(callSid) ?? [])];
    for (const socket of sockets) socket.send(encodeLiveCallUpdate(update));
    await Promise.all(sockets.map((socket) => socket.readyState === socket.CLOSED || once(socket, "close")));
  }
}
