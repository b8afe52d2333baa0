import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";

/** The largest body with a 16-bit length; a longer frame goes through ws itself. */
const MAX_SHORT_BODY = 0xffff;
const FIN_TEXT = 0x81;
const MASK_BIT = 0x80;

/**
 * WebSocket text frames for the hot path, built in one buffer (headers and bodies) and written
 * straight to the connection's TCP socket in one write. `ws.send` of a string encodes it into a
 * new buffer, allocates a header beside it and writes the two as separate chunks: for fifty small
 * frames a second per call that was much of the bridge's garbage and stream bookkeeping. A body's
 * `text` is base64 or another ASCII string (what the schemas admit for audio; the bridge's own
 * mark names), copied byte for byte. One write per event is one syscall, as few as the frames allow.
 *
 * Writing beside ws is safe because ws never holds frames back here: compression is off on both
 * sides, so each `ws.send` reaches the socket at once and frames leave in the order they were
 * written. Frames go only while ws's socket is open (never after its close frame), and what they
 * leave unsent counts in `ws.bufferedAmount` (the TCP socket's buffer).
 */
export class AsciiFrames {
  private readonly socket: WebSocket;
  private readonly tcp: Duplex;
  /** Client frames carry a mask; the bridge's is all zeroes (see `openai-transport.ts`). */
  private readonly masked: boolean;

  constructor(socket: WebSocket, tcp: Duplex, options: { masked: boolean }) {
    this.socket = socket;
    this.tcp = tcp;
    this.masked = options.masked;
  }

  /** Whether ws's socket is open: frames written now are in protocol. */
  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Writes one text frame; false, writing nothing, once the socket is no longer open. */
  write(head: Buffer, text: string, tail: Buffer): boolean {
    if (!this.open) return false;
    const length = head.length + text.length + tail.length;
    if (length > MAX_SHORT_BODY) {
      this.sendLong(head, text, tail);
      return true;
    }
    const frame = Buffer.allocUnsafe(this.frameBytes(length));
    this.encode(frame, 0, length, head, text, tail);
    this.tcp.write(frame);
    return true;
  }

  /** Writes two text frames in one write (a media message and the mark after it). */
  writeTwo(
    head: Buffer,
    text: string,
    tail: Buffer,
    nextHead: Buffer,
    nextText: string,
    nextTail: Buffer,
  ): void {
    if (!this.open) return;
    const length = head.length + text.length + tail.length;
    const nextLength = nextHead.length + nextText.length + nextTail.length;
    if (length > MAX_SHORT_BODY || nextLength > MAX_SHORT_BODY) {
      this.write(head, text, tail);
      this.write(nextHead, nextText, nextTail);
      return;
    }
    const bytes = this.frameBytes(length);
    const frames = Buffer.allocUnsafe(bytes + this.frameBytes(nextLength));
    this.encode(frames, 0, length, head, text, tail);
    this.encode(frames, bytes, nextLength, nextHead, nextText, nextTail);
    this.tcp.write(frames);
  }

  private frameBytes(bodyLength: number): number {
    return 2 + (bodyLength > 125 ? 2 : 0) + (this.masked ? 4 : 0) + bodyLength;
  }

  private encode(target: Buffer, at: number, length: number, head: Buffer, text: string, tail: Buffer): void {
    const maskBit = this.masked ? MASK_BIT : 0;
    target[at] = FIN_TEXT;
    let body = at + 2;
    if (length > 125) {
      target[at + 1] = maskBit | 126;
      target.writeUInt16BE(length, at + 2);
      body += 2;
    } else target[at + 1] = maskBit | length;
    if (this.masked) {
      // An all-zero mask leaves the body as written.
      target.writeUInt32BE(0, body);
      body += 4;
    }
    head.copy(target, body);
    target.write(text, body + head.length, "latin1");
    tail.copy(target, body + head.length + text.length);
  }

  /** A body past 64 KiB (no audio delta is): ws frames it with its 64-bit length. */
  private sendLong(head: Buffer, text: string, tail: Buffer): void {
    this.socket.send(Buffer.concat([head, Buffer.from(text, "latin1"), tail]), { binary: false });
  }
}
