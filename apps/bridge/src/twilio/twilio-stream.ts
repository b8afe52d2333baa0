import type { Duplex } from "node:stream";
import type { TwilioOutboundMessage } from "@koe/shared";
import type { WebSocket } from "ws";
import type { TelephonyStream } from "../calls/telephony-stream.ts";
import { coalesceWrites } from "../net/write-coalescing.ts";

/** Twilio's side of a bidirectional media stream. */
export class TwilioStream implements TelephonyStream {
  private readonly socket: WebSocket;
  private readonly tcp: Duplex;
  private readonly streamSid: string;

  constructor(socket: WebSocket, tcp: Duplex, streamSid: string) {
    this.socket = socket;
    this.tcp = tcp;
    this.streamSid = streamSid;
  }

  sendMedia(payload: string): void {
    this.send({ event: "media", streamSid: this.streamSid, media: { payload } });
  }

  sendMark(name: string): void {
    this.send({ event: "mark", streamSid: this.streamSid, mark: { name } });
  }

  clear(): void {
    this.send({ event: "clear", streamSid: this.streamSid });
  }

  close(): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(1000, "call ended");
  }

  get bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  private send(message: TwilioOutboundMessage): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const data = JSON.stringify(message);
    coalesceWrites(this.tcp, () => this.socket.send(data));
  }
}
