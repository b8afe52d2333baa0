import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import type { TelephonyStream } from "../calls/telephony-stream.ts";
import { jsonString } from "../net/json-string.ts";
import { WriteCoalescing } from "../net/write-coalescing.ts";

/**
 * Twilio's side of a bidirectional media stream. Its messages (`twilioOutboundMessageSchema` in
 * @koe/shared) are written from templates around the stream's id, escaped once, and the payload
 * or mark name: no generic JSON.stringify for every 20 ms of audio.
 */
export class TwilioStream implements TelephonyStream {
  private readonly socket: WebSocket;
  private readonly writes: WriteCoalescing;
  /** `"streamSid":"MZ…"`, escaped once for every message of the stream. */
  private readonly sidField: string;

  constructor(socket: WebSocket, tcp: Duplex, streamSid: string) {
    this.socket = socket;
    this.writes = new WriteCoalescing(tcp);
    this.sidField = `"streamSid":${jsonString(streamSid)}`;
  }

  sendMedia(payload: string): void {
    this.send(`{"event":"media",${this.sidField},"media":{"payload":${jsonString(payload)}}}`);
  }

  sendMark(name: string): void {
    this.send(`{"event":"mark",${this.sidField},"mark":{"name":${jsonString(name)}}}`);
  }

  clear(): void {
    this.send(`{"event":"clear",${this.sidField}}`);
  }

  close(): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(1000, "call ended");
  }

  get bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  private send(data: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.writes.hold();
    this.socket.send(data);
  }
}
