import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import WebSocket, { WebSocketServer } from "ws";

/** One bridge connection through the proxy, with its upstream session on the simulator. */
export type ProxiedSession = {
  /** Index in `OpenAIProxy.sessions`: the order the bridge connected in. */
  index: number;
  /** The simulator's session id, once its `session.created` has passed. */
  sessionId: string | null;
  /** Frames sent to the bridge on top of the simulator's (raw text: it may be anything). */
  /** Sends a frame to the bridge as if OpenAI had; false when the bridge's socket is already closed. */
  inject(text: string): boolean;
  /** Sends the bridge a close frame (as OpenAI does after a session's last `error`). */
  close(code?: number): void;
  /** The bridge's socket towards this session (its state tells whether the bridge still listens). */
  readonly bridge: WebSocket;
};

/** How the proxy answers an upgrade: passes it on, or refuses it with an HTTP status and OpenAI's error body. */
export type Refusal = { status: number; code: string; remaining: number };

/**
 * A loopback stand-in for OpenAI in front of the GA simulator: every bridge connection is passed
 * through to the simulator, and a test can add frames of its own to any session (malformed
 * events, an expiry), close it, or refuse upgrades with a chosen status and error code.
 */
export class OpenAIProxy {
  readonly url: string;
  readonly sessions: ProxiedSession[] = [];
  refuse: Refusal | null = null;
  refused = 0;
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  private readonly upstream: string;
  private readonly waiters: (() => void)[] = [];

  private constructor(server: Server, url: string, upstream: string) {
    this.server = server;
    this.url = url;
    this.upstream = upstream;
    server.on("upgrade", (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  /** Proxies to the simulator at `upstream` (its `/v1/realtime` URL). */
  static async start(upstream: string): Promise<OpenAIProxy> {
    const server = createServer();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    return new OpenAIProxy(server, `ws://127.0.0.1:${port}/v1/realtime`, upstream);
  }

  /** Resolves with the n-th session (0-based) once the bridge has opened it. */
  async session(index: number): Promise<ProxiedSession> {
    for (;;) {
      const session = this.sessions[index];
      if (session) return session;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refusal = this.refuse;
    if (refusal && refusal.remaining > 0) {
      refusal.remaining--;
      this.refused++;
      const body = JSON.stringify({
        error: { message: `refused (${refusal.code})`, type: "invalid_request_error", code: refusal.code },
      });
      socket.end(
        `HTTP/1.1 ${refusal.status} Refused\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    const query = new URL(req.url ?? "/", "http://proxy").search;
    const upstream = new WebSocket(`${this.upstream}${query}`, {
      headers: { authorization: req.headers.authorization ?? "" },
    });
    upstream.on("error", () => socket.destroy());
    upstream.once("open", () =>
      this.wss.handleUpgrade(req, socket, head, (bridge) => this.pipe(bridge, upstream)),
    );
  }

  private pipe(bridge: WebSocket, upstream: WebSocket): void {
    const session: ProxiedSession = {
      index: this.sessions.length,
      sessionId: null,
      inject: (text) => {
        if (bridge.readyState !== WebSocket.OPEN) return false;
        bridge.send(text);
        return true;
      },
      close: (code = 1000) => {
        bridge.close(code);
        upstream.close();
      },
      bridge,
    };
    upstream.on("message", (data) => {
      const text = data.toString();
      if (session.sessionId === null && text.includes('"session.created"'))
        session.sessionId = (JSON.parse(text) as { session: { id: string } }).session.id;
      session.inject(text);
    });
    bridge.on("message", (data) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data.toString());
    });
    bridge.on("close", () => upstream.close());
    upstream.on("close", () => bridge.close());
    bridge.on("error", () => upstream.terminate());
    this.sessions.push(session);
    for (const wake of this.waiters.splice(0)) wake();
  }
}
