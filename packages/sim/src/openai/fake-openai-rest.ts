import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedOpenAIRequest = {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
};

/**
 * The two OpenAI REST endpoints Koe's api calls, on loopback for tests: speech (voice previews)
 * and GA client secrets (in-browser test calls). Point the `openai` SDK's baseURL at `url`.
 */
export class FakeOpenAIRest {
  readonly url: string;
  readonly requests: RecordedOpenAIRequest[] = [];
  /** Answer the next requests with this HTTP status and OpenAI's error JSON (`remaining` times). */
  failWith: { status: number; message: string; remaining: number } | null = null;
  private readonly server: Server;

  private constructor(server: Server, url: string) {
    this.server = server;
    this.url = url;
    server.on("request", (req, res) => void this.handle(req, res));
  }

  static async start(): Promise<FakeOpenAIRest> {
    const server = createServer();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return new FakeOpenAIRest(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
  }

  /** The audio the fake "speaks" for a voice: recognisable bytes, not real MP3. */
  static speechFor(voice: string): Buffer {
    return Buffer.from(`ID3 fake speech: ${voice}`);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = "";
    for await (const chunk of req) text += chunk;
    const body: unknown = text ? JSON.parse(text) : null;
    const path = new URL(req.url ?? "/", "http://openai").pathname;
    this.requests.push({
      method: req.method ?? "GET",
      path,
      body,
      authorization: req.headers.authorization ?? null,
    });
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    if (this.failWith && this.failWith.remaining > 0) {
      this.failWith.remaining--;
      const { status, message } = this.failWith;
      return json(status, { error: { message, type: "invalid_request_error", code: null, param: null } });
    }
    const request = (body ?? {}) as { voice?: string; session?: Record<string, unknown> };
    if (req.method === "POST" && path === "/v1/audio/speech") {
      res.writeHead(200, { "content-type": "audio/mpeg" });
      res.end(FakeOpenAIRest.speechFor(request.voice ?? "unknown"));
      return;
    }
    if (req.method === "POST" && path === "/v1/realtime/client_secrets") {
      const now = Math.floor(Date.now() / 1000);
      return json(200, {
        value: `ek_fake_${Math.random().toString(16).slice(2)}`,
        expires_at: now + 600,
        session: { ...request.session, id: `sess_fake_${now}`, object: "realtime.session" },
      });
    }
    json(404, { error: { message: `Unknown path ${path}`, type: "invalid_request_error" } });
  }
}
