import type { Base64Audio } from "@koe/shared";
import type { RealtimeClientEvent } from "openai/resources/realtime/realtime";
import WebSocket from "ws";
import type { BridgeMetrics } from "../http/metrics.ts";
import type { Logger } from "../logger.ts";
import { AsciiFrames, READ_WRITES } from "../net/ascii-frames.ts";
import { readTextFrames } from "../net/text-frame-reader.ts";
import { readRefusal } from "./provider-refusal.ts";
import type { RealtimeTransport, TransportListeners } from "./realtime-transport.ts";
import { parseServerFrame, type SkippedFrame } from "./server-events.ts";

export type OpenAITransportOptions = {
  /** `OPENAI_REALTIME_URL`; `?model=` is appended. */
  url: string;
  apiKey: string;
  model: string;
  logger: Logger;
  metrics: Pick<BridgeMetrics, "realtimeEventsSkipped">;
  connectTimeoutMs?: number;
  /** Ping interval; a whole interval without a pong or an event ends the socket (default 10 s). */
  heartbeatMs?: number;
};

const APPEND_HEAD = '{"type":"input_audio_buffer.append","audio":"';
const QUOTE_BRACE = '"}';

/** A socket that answers no ping for this long is taken as dead (a half-open TCP connection sends no close). */
const HEARTBEAT_MS = 10_000;
/**
 * Largest frame taken from OpenAI. Its events are a few KiB (an audio delta, a transcript); a
 * bigger frame ends the socket (1009), which reads as a lost connection, instead of holding
 * ws's default 100 MiB per call.
 */
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/**
 * An all-zero masking key, which `ws` recognises and then neither copies nor XORs the frame. A
 * client's mask protects proxies that cache from frames a hostile page wrote; the bridge writes
 * every byte itself, to OpenAI over TLS, where no proxy reads them. It saves a copy and a pass
 * over each of the fifty appends a second per call.
 */
function noMask(mask: Buffer): void {
  // Four stores: Buffer#fill crosses into C++ for every frame.
  mask[0] = 0;
  mask[1] = 0;
  mask[2] = 0;
  mask[3] = 0;
}

/** The OpenAI Realtime GA WebSocket: bearer key, no beta header, JSON text frames. */
export class OpenAITransport implements RealtimeTransport {
  private socket: WebSocket | null = null;
  private frames: AsciiFrames | null = null;
  private closing = false;
  /** A pong or an event arrived since the last ping (see `keepAlive`). */
  private alive = true;
  private readonly listeners: { [K in keyof TransportListeners]: TransportListeners[K][] } = {
    event: [],
    close: [],
  };
  private readonly options: OpenAITransportOptions;

  constructor(options: OpenAITransportOptions) {
    this.options = options;
  }

  on<K extends keyof TransportListeners>(name: K, listener: TransportListeners[K]): void {
    this.listeners[name].push(listener);
  }

  connect(): Promise<void> {
    const url = new URL(this.options.url);
    url.searchParams.set("model", this.options.model);
    const socket = new WebSocket(url, {
      headers: { Authorization: `Bearer ${this.options.apiKey}` },
      handshakeTimeout: this.options.connectTimeoutMs ?? 10_000,
      // Base64 audio does not compress; deflate would only cost CPU and latency.
      perMessageDeflate: false,
      maxPayload: MAX_FRAME_BYTES,
      generateMask: noMask,
    });
    this.socket = socket;
    // Only the TCP socket is kept: a closure over the response would keep it, its headers and its
    // request for as long as the call lasts.
    socket.once("upgrade", ({ socket: tcp }) => {
      this.frames = new AsciiFrames(socket, tcp, { masked: true });
      // Once open (ws has set the socket up), its frames are read ahead of ws.
      socket.once("open", () =>
        readTextFrames(socket, tcp, {
          masked: false,
          maxPayload: MAX_FRAME_BYTES,
          onText: (text) => this.onMessage(text),
          writes: READ_WRITES,
        }),
      );
    });
    // What the reader leaves to ws: a binary or fragmented message (and then everything after it).
    socket.on("message", (data, isBinary) => this.onMessage(isBinary ? null : data.toString()));
    return new Promise((resolve, reject) => {
      socket.once("open", () => {
        this.keepAlive(socket);
        resolve();
      });
      socket.once("unexpected-response", (_req, res) => {
        socket.removeAllListeners("error");
        socket.on("error", () => {});
        // The body says why (invalid_api_key, insufficient_quota, …): it decides whether to retry.
        void readRefusal(res).then((refusal) => {
          socket.terminate();
          reject(refusal);
        });
      });
      socket.once("error", (error) => reject(new Error(`OpenAI connection failed: ${error.message}`)));
      socket.once("close", (code, reason) => {
        for (const listener of this.listeners.close)
          listener({ code, reason: reason.toString(), expected: this.closing });
      });
    });
  }

  send(event: RealtimeClientEvent): boolean {
    // Through the frames, so that the event follows the audio appended before it.
    const { frames } = this;
    if (!frames?.open) return false;
    frames.send(JSON.stringify(event));
    return true;
  }

  appendAudio(audio: Base64Audio): boolean {
    // The upgrade (which gives the TCP socket, and the frames) always comes before the socket is open.
    return this.frames?.write(APPEND_HEAD, audio, QUOTE_BRACE) ?? false;
  }

  get bufferedBytes(): number {
    return this.frames?.bufferedBytes ?? 0;
  }

  close(): void {
    this.closing = true;
    // Before the upgrade there are no frames: closing the socket aborts its handshake.
    if (this.frames) this.frames.close(1000, "call ended");
    else if (this.socket && this.socket.readyState !== WebSocket.CLOSED)
      this.socket.close(1000, "call ended");
  }

  /**
   * Pings the socket; a whole interval with neither a pong nor any event terminates it, which reads
   * as a lost connection. Events count too: a busy peer may answer pings late while it streams.
   */
  private keepAlive(socket: WebSocket): void {
    socket.on("pong", () => {
      this.alive = true;
    });
    const timer = setInterval(() => {
      if (!this.alive) {
        this.options.logger.warn("OpenAI socket stopped answering pings");
        socket.terminate();
        return;
      }
      this.alive = false;
      socket.ping();
    }, this.options.heartbeatMs ?? HEARTBEAT_MS);
    timer.unref();
    socket.once("close", () => clearInterval(timer));
  }

  /** One message from OpenAI: its text, or null for a binary message. */
  private onMessage(text: string | null): void {
    this.alive = true;
    if (text === null) return this.skipped({ label: "unknown", reason: "not_json", type: null });
    const frame = parseServerFrame(text);
    if ("skipped" in frame) return this.skipped(frame.skipped);
    if ("ignored" in frame) return;
    for (const listener of this.listeners.event) listener(frame.event);
  }

  /** Counted by type; an unknown type (a newer API) only at debug level, a malformed event as a warning. */
  private skipped(frame: SkippedFrame): void {
    this.options.metrics.realtimeEventsSkipped.inc({ type: frame.label, reason: frame.reason });
    if (frame.reason === "unknown_type")
      this.options.logger.debug({ type: frame.type }, "skipped an OpenAI event of an unknown type");
    else
      this.options.logger.warn(
        { type: frame.type, reason: frame.reason, issue: frame.issue },
        "skipped a malformed OpenAI event",
      );
  }
}
