// The load both bridges get in `bridge-bench.ts`, from one process: Twilio-style callers (20 ms
// μ-law `media` frames, 50 a second each, marks echoed as they arrive) on one side, and on the
// other a peer standing in for OpenAI that streams ten 100 ms `response.output_audio.delta`s a
// second on every session once its caller's audio flows. Every frame carries a stamp (see
// @koe/sim's frame-stamp) read on arrival, so latency is measured on one clock. Frames are
// written and read with string templates and indexOf, not JSON: the load should cost less than
// what it measures.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { readStamp, STAMP_BYTES, stampClock, stampFrame } from "@koe/sim";
import { WebSocket, WebSocketServer } from "ws";

const FRAME_MS = 20;
const FRAME_BYTES = 160;
const DELTA_MS = 100;
const DELTA_BYTES = 800;
/** Frames (or deltas) a late tick may send at once to catch up. */
const MAX_CATCH_UP = 5;
/** Base64 characters that hold a stamp (whole 3-byte groups). */
const STAMP_CHARS = Math.ceil(STAMP_BYTES / 3) * 4;

const SILENCE = Buffer.alloc(DELTA_BYTES, 0xff);

/** The stamped audio, as base64 (a fresh stamp at the start, silence after it). */
function stampedAudio(bytes: number, seq: number): string {
  return stampFrame(SILENCE.subarray(0, bytes), seq).toString("base64");
}

/** When the frame whose base64 audio starts at `from` in `text` was sent, or null. */
function sentAt(text: string, from: number): number | null {
  return readStamp(Buffer.from(text.slice(from, from + STAMP_CHARS), "base64"))?.sentAt ?? null;
}

/** The string value of `"key":"…"` in a JSON text, without parsing it (values here hold no quotes). */
function stringField(text: string, key: string): { value: string; at: number } | null {
  const marker = `"${key}":"`;
  const at = text.indexOf(marker);
  if (at < 0) return null;
  const start = at + marker.length;
  return { value: text.slice(start, text.indexOf('"', start)), at: start };
}

/**
 * Where a paced sender's clock starts once it resumes at `now`, having sent `sent` of its `periodMs`
 * frames: later by whole periods, so that its next frame is due within a period and in the same
 * phase as before. Resumed in step, all the senders would send at the same instant.
 */
export function resumedStart(startedAt: number, sent: number, periodMs: number, now: number): number {
  const nextDue = startedAt + sent * periodMs;
  return startedAt + Math.max(0, Math.ceil((now - nextDue) / periodMs)) * periodMs;
}

export type Direction = { sent: number; received: number; latenciesMs: number[]; inWindow: number };

function direction(): Direction {
  return { sent: 0, received: 0, latenciesMs: [], inWindow: 0 };
}

/**
 * What both sides saw: `inbound` is Twilio → OpenAI, `outbound` OpenAI → Twilio. While a window
 * is open, frames that arrive count as relayed in it (`inWindow`, against the CPU it took); the
 * latency is taken of every frame sent while a window was open, whenever it arrives, so a slow
 * frame at a window's end is not left out.
 */
export class LoadStats {
  readonly inbound = direction();
  readonly outbound = direction();
  marksEchoed = 0;
  private openedAt: number | null = null;
  private readonly windows: { from: number; to: number }[] = [];

  openWindow(): void {
    this.openedAt = stampClock();
  }

  closeWindow(): void {
    if (this.openedAt !== null) this.windows.push({ from: this.openedAt, to: stampClock() });
    this.openedAt = null;
  }

  arrived(side: Direction, stamp: number | null): void {
    side.received++;
    if (this.openedAt !== null) side.inWindow++;
    if (stamp !== null && this.sentInWindow(stamp)) side.latenciesMs.push(stampClock() - stamp);
  }

  private sentInWindow(stamp: number): boolean {
    if (this.openedAt !== null && stamp >= this.openedAt) return true;
    // The windows closed so far, latest first: a frame in flight belongs to the last one.
    for (let i = this.windows.length - 1; i >= 0; i--) {
      const window = this.windows[i] as { from: number; to: number };
      if (stamp > window.to) return false;
      if (stamp >= window.from) return true;
    }
    return false;
  }
}

/** The OpenAI side: accepts GA sessions and streams audio deltas on each once its caller's audio arrives. */
export class FakeRealtimePeer {
  private readonly server: WebSocketServer;
  private readonly sessions = new Set<{ socket: WebSocket; startedAt: number; sent: number; item: string }>();
  private readonly timer: NodeJS.Timeout;
  private sending = true;
  readonly audioSessions = new Set<WebSocket>();

  private readonly stats: LoadStats;

  private constructor(server: WebSocketServer, stats: LoadStats) {
    this.server = server;
    this.stats = stats;
    let sessionCount = 0;
    server.on("connection", (socket) => {
      const id = ++sessionCount;
      socket.send(
        `{"type":"session.created","event_id":"event_c${id}","session":{"id":"sess_${id}","object":"realtime.session"}}`,
      );
      socket.on("message", (data) => {
        const text = data.toString();
        const audio = stringField(text, "audio");
        if (!audio || !text.includes('"input_audio_buffer.append"')) return;
        this.stats.arrived(this.stats.inbound, sentAt(text, audio.at));
        if (this.audioSessions.has(socket)) return;
        this.audioSessions.add(socket);
        const session = { socket, startedAt: performance.now(), sent: 0, item: `item_${id}` };
        this.sessions.add(session);
        socket.once("close", () => this.sessions.delete(session));
      });
      socket.on("error", () => {});
    });
    this.timer = setInterval(() => this.tick(), FRAME_MS);
  }

  static async start(stats: LoadStats): Promise<FakeRealtimePeer> {
    const server = new WebSocketServer({ port: 0, host: "127.0.0.1", skipUTF8Validation: true });
    await once(server, "listening");
    return new FakeRealtimePeer(server, stats);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/realtime`;
  }

  /** No more deltas until `resume` (what was sent may still drain). */
  pause(): void {
    this.sending = false;
  }

  /** Deltas again, each session in its own phase as before: the pause is not caught up. */
  resume(): void {
    const now = performance.now();
    for (const session of this.sessions)
      session.startedAt = resumedStart(session.startedAt, session.sent, DELTA_MS, now);
    this.sending = true;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const client of this.server.clients) client.terminate();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private tick(): void {
    if (!this.sending) return;
    const now = performance.now();
    for (const session of this.sessions) {
      // As the callers do: behind by more than a few deltas, the missed ones are not sent.
      const behind = Math.floor((now - session.startedAt) / DELTA_MS) + 1 - session.sent;
      if (behind > MAX_CATCH_UP) session.startedAt += (behind - MAX_CATCH_UP) * DELTA_MS;
      const due = Math.floor((now - session.startedAt) / DELTA_MS) + 1;
      while (session.sent < due && session.socket.readyState === WebSocket.OPEN) {
        session.sent++;
        this.stats.outbound.sent++;
        session.socket.send(
          `{"type":"response.output_audio.delta","event_id":"event_d${session.sent}","response_id":"resp_1","item_id":"${session.item}","output_index":0,"content_index":0,"delta":"${stampedAudio(DELTA_BYTES, session.sent)}"}`,
        );
      }
    }
  }
}

/** Where a caller's media stream goes: the WebSocket URL, its headers and the `start`'s parameters. */
export type StreamTarget = {
  url: string;
  headers: Record<string, string>;
  callSid: string;
  customParameters: Record<string, string>;
};

/** One Twilio-side media stream: paced frames out, media and marks in, marks echoed. */
export class TwilioCaller {
  private readonly socket: WebSocket;
  private readonly streamSid: string;
  private sequence = 0;
  private chunks = 0;
  private startedAt = 0;
  private readonly stats: LoadStats;
  sending = false;

  private constructor(socket: WebSocket, streamSid: string, stats: LoadStats) {
    this.socket = socket;
    this.stats = stats;
    this.streamSid = streamSid;
    socket.on("message", (data) => this.received(data.toString()));
    socket.on("error", () => {});
  }

  static async dial(target: StreamTarget, index: number, stats: LoadStats): Promise<TwilioCaller> {
    const socket = new WebSocket(target.url, {
      headers: target.headers,
      handshakeTimeout: 30_000,
      perMessageDeflate: false,
      skipUTF8Validation: true,
    });
    await once(socket, "open");
    const streamSid = `MZ${String(index).padStart(32, "0")}`;
    const caller = new TwilioCaller(socket, streamSid, stats);
    socket.send('{"event":"connected","protocol":"Call","version":"1.0.0"}');
    socket.send(
      JSON.stringify({
        event: "start",
        sequenceNumber: String(++caller.sequence),
        streamSid,
        start: {
          streamSid,
          accountSid: "ACbench",
          callSid: target.callSid,
          tracks: ["inbound"],
          customParameters: target.customParameters,
          mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
        },
      }),
    );
    caller.startedAt = performance.now();
    caller.sending = true;
    return caller;
  }

  /**
   * Sends the frames due by now, catching up after a late tick as a paced sender would, but by no
   * more than `MAX_CATCH_UP` frames: a load generator short of CPU offers less (the table's
   * frames/s shows it) rather than spiral into ever larger bursts.
   */
  sendDue(now: number): void {
    if (!this.sending || this.socket.readyState !== WebSocket.OPEN) return;
    const due = Math.floor((now - this.startedAt) / FRAME_MS) + 1;
    if (due - this.chunks > MAX_CATCH_UP) this.startedAt += (due - this.chunks - MAX_CATCH_UP) * FRAME_MS;
    while (this.chunks < Math.floor((now - this.startedAt) / FRAME_MS) + 1) {
      this.chunks++;
      this.stats.inbound.sent++;
      this.socket.send(
        `{"event":"media","sequenceNumber":"${++this.sequence}","streamSid":"${this.streamSid}","media":{"track":"inbound","chunk":"${this.chunks}","timestamp":"${this.chunks * FRAME_MS}","payload":"${stampedAudio(FRAME_BYTES, this.chunks)}"}}`,
      );
    }
  }

  /** Frames again, in the caller's own phase as before: the pause is not caught up. */
  resume(now: number): void {
    this.startedAt = resumedStart(this.startedAt, this.chunks, FRAME_MS, now);
    this.sending = true;
  }

  close(): void {
    this.socket.terminate();
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  private received(text: string): void {
    const event = stringField(text, "event")?.value;
    if (event === "media") {
      const payload = stringField(text, "payload");
      this.stats.arrived(this.stats.outbound, payload ? sentAt(text, payload.at) : null);
    } else if (event === "mark") {
      const name = stringField(text, "name")?.value ?? "";
      this.stats.marksEchoed++;
      this.socket.send(
        `{"event":"mark","sequenceNumber":"${++this.sequence}","streamSid":"${this.streamSid}","mark":{"name":"${name}"}}`,
      );
    }
  }
}

/** Paces every caller from one timer. */
export function paceCallers(callers: Set<TwilioCaller>): () => void {
  const timer = setInterval(() => {
    const now = performance.now();
    for (const caller of callers) caller.sendDue(now);
  }, FRAME_MS);
  return () => clearInterval(timer);
}
