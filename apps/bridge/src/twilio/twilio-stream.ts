import type { Duplex } from "node:stream";
import type { Base64Audio } from "@koe/shared";
import type { WebSocket } from "ws";
import type { TelephonyStream } from "../calls/telephony-stream.ts";
import { AsciiFrames, asciiJsonString } from "../net/ascii-frames.ts";

const QUOTE_BRACES = '"}}';

/**
 * Twilio's side of a bidirectional media stream. Its messages (`twilioOutboundMessageSchema` in
 * @koe/shared) are written from templates around the stream's id, made once per stream in ASCII,
 * and the payload or mark name. Everything goes through the stream's `AsciiFrames`, so a media message
 * and the mark after it leave in one write, and a `clear` or the close follows the audio before it.
 */
export class TwilioStream implements TelephonyStream {
  private readonly frames: AsciiFrames;
  private readonly sidField: string;
  private readonly mediaHead: string;
  private readonly markHead: string;

  constructor(socket: WebSocket, tcp: Duplex, streamSid: string) {
    this.frames = new AsciiFrames(socket, tcp, { masked: false });
    this.sidField = `"streamSid":${asciiJsonString(streamSid)}`;
    this.mediaHead = `{"event":"media",${this.sidField},"media":{"payload":"`;
    this.markHead = `{"event":"mark",${this.sidField},"mark":{"name":"`;
  }

  sendAudio(payload: Base64Audio, mark: string | null): void {
    this.frames.write(this.mediaHead, payload, QUOTE_BRACES);
    if (mark !== null) this.sendMark(mark);
  }

  sendMark(mark: string): void {
    this.frames.write(this.markHead, mark, QUOTE_BRACES);
  }

  clear(): void {
    this.frames.send(`{"event":"clear",${this.sidField}}`);
  }

  close(): void {
    this.frames.close(1000, "call ended");
  }

  get bufferedBytes(): number {
    return this.frames.bufferedBytes;
  }
}
