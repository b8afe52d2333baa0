import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { speakingDurationMs } from "../audio/synthetic-speech.ts";
import type { RealtimeSimulator } from "../realtime/realtime-simulator.ts";
import { ClientSecrets } from "./client-secrets.ts";
import { answerResponsesRequest } from "./fake-responses.ts";
import { type OpenAIError, openAIError } from "./openai-error.ts";
import { RealtimeCalls } from "./realtime-calls.ts";

export type RecordedOpenAIRequest = {
  method: string;
  path: string;
  /** Parsed JSON, or the text of any other body (an SDP offer). */
  body: unknown;
  authorization: string | null;
};

export type FakeOpenAIRestOptions = {
  /** Runs the sessions of WebRTC calls (`POST /v1/realtime/calls`); without it, calls are refused. */
  realtime?: RealtimeSimulator;
  /** The clock client secrets expire by, in ms (default `Date.now`). */
  now?: () => number;
  port?: number;
  /**
   * The one address WebRTC calls do ICE on (default 127.0.0.1, as tests need); null: every
   * address of this machine, for desktop browsers, which leave loopback out (`./koe dev`).
   */
  iceHost?: string | null;
  /**
   * Whether `/v1/audio/speech` answers (default true) with its placeholder bytes. `./koe dev`
   * turns it off: the api would cache them as a voice preview that no browser can play.
   */
  speech?: boolean;
};

const HOST = "127.0.0.1";

/**
 * OpenAI's REST endpoints Koe uses, on loopback: speech (voice previews), GA client secrets and
 * WebRTC calls made with them (the in-browser test call), and the Responses API's structured
 * output for post-call analysis. Browsers may call it (CORS, as OpenAI
 * allows). Point the `openai` SDK's baseURL at `url`.
 */
export class FakeOpenAIRest {
  readonly url: string;
  readonly requests: RecordedOpenAIRequest[] = [];
  /** Answer the next requests with this HTTP status and OpenAI's error JSON (`remaining` times). */
  failWith: { status: number; message: string; remaining: number } | null = null;
  readonly secrets: ClientSecrets;
  readonly calls: RealtimeCalls;
  private readonly server: Server;
  private readonly speech: boolean;

  private constructor(server: Server, url: string, options: FakeOpenAIRestOptions) {
    this.server = server;
    this.url = url;
    this.secrets = new ClientSecrets(options.now ?? Date.now);
    this.speech = options.speech ?? true;
    this.calls = new RealtimeCalls({
      secrets: this.secrets,
      simulator: options.realtime ?? null,
      host: options.iceHost === undefined ? HOST : options.iceHost,
    });
    server.on("request", (req, res) => void this.handle(req, res));
  }

  static async start(options: FakeOpenAIRestOptions = {}): Promise<FakeOpenAIRest> {
    const server = createServer();
    server.listen(options.port ?? 0, HOST);
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    return new FakeOpenAIRest(server, `http://${HOST}:${port}/v1`, options);
  }

  /** The audio the fake "speaks" for a voice: recognisable bytes, not real MP3. */
  static speechFor(voice: string): Buffer {
    return Buffer.from(`ID3 fake speech: ${voice}`);
  }

  close(): Promise<void> {
    this.calls.close();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader("access-control-allow-origin", "*");
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": "authorization, content-type",
        "access-control-max-age": "600",
      });
      return void res.end();
    }
    let text = "";
    for await (const chunk of req) text += chunk;
    const isJson = req.headers["content-type"]?.startsWith("application/json") ?? false;
    const path = new URL(req.url ?? "/", "http://openai").pathname;
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    const fail = (error: OpenAIError) => json(error.status, error.body);
    let body: unknown = text || null;
    if (isJson && text) {
      try {
        body = JSON.parse(text);
      } catch {
        return fail(openAIError(400, "We could not parse the JSON body of your request."));
      }
    }
    this.requests.push({
      method: req.method ?? "GET",
      path,
      body,
      authorization: req.headers.authorization ?? null,
    });
    if (this.failWith && this.failWith.remaining > 0) {
      this.failWith.remaining--;
      return fail(openAIError(this.failWith.status, this.failWith.message));
    }
    if (req.method === "POST" && path === "/v1/audio/speech") {
      if (!this.speech) {
        // What OpenAI answers the simulator's stand-in key: the api then names the missing key.
        return fail(
          openAIError(
            401,
            "The local simulator synthesizes no speech; set OPENAI_API_KEY for voice previews.",
            { type: "invalid_request_error", code: "invalid_api_key" },
          ),
        );
      }
      const speech = body as { voice?: string; input?: string; response_format?: string } | null;
      // Raw PCM is what callers of evaluation runs ask for: real samples, as long as the line takes to say.
      if (speech?.response_format === "pcm") {
        res.writeHead(200, { "content-type": "audio/pcm" });
        res.end(speechPcm(speech.input ?? ""));
        return;
      }
      res.writeHead(200, { "content-type": "audio/mpeg" });
      res.end(FakeOpenAIRest.speechFor(speech?.voice ?? "unknown"));
      return;
    }
    if (req.method === "POST" && path === "/v1/responses") {
      const response = answerResponsesRequest(body);
      return "body" in response ? fail(response) : json(200, response);
    }
    if (req.method === "POST" && path === "/v1/realtime/client_secrets") {
      const secret = this.secrets.create(body);
      return "body" in secret ? fail(secret) : json(200, secret);
    }
    if (req.method === "POST" && path === "/v1/realtime/calls") {
      const answer = await this.calls.create({
        authorization: req.headers.authorization,
        contentType: req.headers["content-type"],
        offer: text,
      });
      if ("body" in answer) return fail(answer);
      res.writeHead(201, {
        "content-type": "application/sdp",
        location: answer.location,
        "access-control-expose-headers": "location",
      });
      return void res.end(answer.sdp);
    }
    fail(openAIError(404, `Unknown path ${path}`));
  }
}

/**
 * OpenAI's `pcm` speech format (24 kHz, 16-bit little-endian, mono) for a line: a voiced tone
 * with syllable-like loudness, as long as the line takes to say (see `speakingDurationMs`).
 */
export function speechPcm(text: string): Buffer {
  const rate = 24_000;
  const samples = Math.round((speakingDurationMs(text) / 1000) * rate);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * (1000 / 150) * t);
    const value = 9000 * envelope * (Math.sin(2 * Math.PI * 140 * t) + 0.5 * Math.sin(2 * Math.PI * 280 * t));
    pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(value))), i * 2);
  }
  return pcm;
}
