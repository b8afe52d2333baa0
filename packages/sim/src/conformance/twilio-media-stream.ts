import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { type WebSocket as ServerSideSocket, WebSocket, WebSocketServer } from "ws";
import { frames20ms } from "./call-script.ts";

type ToTwilio =
  | { event: "media"; streamSid: string; media: { payload: string } }
  | { event: "mark"; streamSid: string; mark: { name: string } }
  | { event: "clear"; streamSid: string };

/**
 * Twilio's side of a bidirectional Media Stream, on loopback: `serverSide` is the socket a bridge
 * (here `TwilioRealtimeTransportLayer`) gets from its WebSocket server; this class plays Twilio on
 * the other end. It sends `connected`, `start`, μ-law `media` in 20 ms frames and `stop`, records
 * the `media`, `mark` and `clear` frames it receives, and echoes each mark at once, as Twilio does
 * when playback reaches it (the audio is "played" as soon as it arrives).
 */
export class TwilioMediaStream {
  readonly streamSid = "MZ00000000000000000000000000000001";
  readonly received: ToTwilio[] = [];
  /** The socket the bridge side gets from its WebSocket server. */
  readonly serverSide: ServerSideSocket;
  private readonly twilio: WebSocket;
  private readonly server: WebSocketServer;
  private chunk = 0;

  private constructor(serverSide: ServerSideSocket, twilio: WebSocket, server: WebSocketServer) {
    this.serverSide = serverSide;
    this.twilio = twilio;
    this.server = server;
    twilio.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as ToTwilio;
      this.received.push(frame);
      if (frame.event === "mark") this.send({ event: "mark", streamSid: this.streamSid, mark: frame.mark });
    });
  }

  static async open(): Promise<TwilioMediaStream> {
    const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const twilio = new WebSocket(`ws://127.0.0.1:${port}/api/twilio/media-stream`);
    const [[serverSide]] = await Promise.all([once(server, "connection"), once(twilio, "open")]);
    return new TwilioMediaStream(serverSide as ServerSideSocket, twilio, server);
  }

  /** `connected` and `start`, as Twilio opens a stream for a call. */
  start(): void {
    this.send({ event: "connected", protocol: "Call", version: "1.0.0" });
    this.send({
      event: "start",
      sequenceNumber: "1",
      streamSid: this.streamSid,
      start: {
        streamSid: this.streamSid,
        accountSid: "AC00000000000000000000000000000001",
        callSid: "CA00000000000000000000000000000001",
        tracks: ["inbound"],
        customParameters: {},
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      },
    });
  }

  /** The caller's audio as Twilio sends it: 20 ms `media` frames, numbers as strings. */
  say(mulaw: Buffer): void {
    for (const frame of frames20ms(mulaw)) {
      this.chunk++;
      this.send({
        event: "media",
        streamSid: this.streamSid,
        media: {
          track: "inbound",
          chunk: String(this.chunk),
          timestamp: String((this.chunk - 1) * 20),
          payload: frame.toString("base64"),
        },
      });
    }
  }

  /** Bytes of agent audio Twilio was given to play. */
  playedBytes(): number {
    return this.received.reduce(
      (n, f) => (f.event === "media" ? n + Buffer.from(f.media.payload, "base64").length : n),
      0,
    );
  }

  clears(): number {
    return this.received.filter((f) => f.event === "clear").length;
  }

  async close(): Promise<void> {
    this.send({
      event: "stop",
      streamSid: this.streamSid,
      stop: { callSid: "CA00000000000000000000000000000001" },
    });
    this.twilio.close();
    await once(this.twilio, "close");
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private send(frame: object): void {
    this.twilio.send(JSON.stringify(frame));
  }
}
