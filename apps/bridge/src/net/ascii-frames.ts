import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";

/** The largest body with a 16-bit length; a longer frame goes through ws itself. */
const MAX_SHORT_BODY = 0xffff;
const FIN_TEXT = 0x81;
const MASK_BIT = 0x80;
/**
 * What the flush of a turn's frames is chained to. `queueMicrotask` would wrap each call in an
 * AsyncResource: twice the cost, once for every read of a caller's socket.
 */
const SETTLED = Promise.resolve();

let heldDepth = 0;
const held: (() => void)[] = [];

/**
 * Frames written while a socket's read is handled leave when it ends (`readTextFrames` calls
 * these): the same one write per socket a turn's microtask gives, without the microtask.
 */
export const READ_WRITES = {
  hold(): void {
    heldDepth++;
  },
  release(): void {
    if (--heldDepth > 0) return;
    for (let i = 0; i < held.length; i++) (held[i] as () => void)();
    held.length = 0;
  },
};

/**
 * Bytes kept as long as a call lasts (a stream's frame heads), in memory of their own. `Buffer.from`
 * cuts small buffers out of Node's shared 8 KB pool, which the frames written between two calls'
 * set-ups fill: one slice kept for a call kept its whole pool alive, 8 KB per call.
 */
export function unpooledBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

/**
 * WebSocket text frames for the hot path, built by hand around ASCII bodies and written straight
 * to the connection's TCP socket. `ws.send` of a string encodes it into a new buffer, allocates a
 * header beside it and writes the two as separate chunks: for fifty small frames a second per call
 * that was much of the bridge's garbage and stream bookkeeping. A body's `text` is base64 or
 * another ASCII string (what the schemas admit for audio; the bridge's own mark names), copied
 * byte for byte.
 *
 * Frames written in one turn of the event loop leave together, in one write once that turn's
 * synchronous work is done: when the read that caused them has been handled (`READ_WRITES`), else
 * in a microtask. Alone, a frame is one write as before; but when the
 * bridge falls behind, one read from a caller's socket holds several of its frames, and their
 * appends then cost one syscall instead of one each: a loaded bridge does less work per frame,
 * without holding any frame back for a later one.
 *
 * Writing beside ws is safe because ws never holds frames back here: compression is off on both
 * sides, so each `ws.send` reaches the socket at once. Anything else sent on the socket goes
 * through `send` and `close`, after the frames already written, so frames leave in the order they
 * were written. Frames go only while ws's socket is open (never after its close frame), and
 * `bufferedBytes` counts what they leave unsent.
 */
export class AsciiFrames {
  private readonly socket: WebSocket;
  private readonly tcp: Duplex;
  /** Client frames carry a mask; the bridge's is all zeroes (see `openai-transport.ts`). */
  private readonly masked: boolean;
  /** Frames written in this turn of the event loop, not yet handed to the TCP socket. */
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(socket: WebSocket, tcp: Duplex, options: { masked: boolean }) {
    this.socket = socket;
    this.tcp = tcp;
    this.masked = options.masked;
  }

  /** Whether ws's socket is open: frames written now are in protocol. */
  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Bytes written and not yet on the network: this turn's frames and the socket's buffer. */
  get bufferedBytes(): number {
    return this.pendingBytes + this.socket.bufferedAmount;
  }

  /** Writes one text frame; false, writing nothing, once the socket is no longer open. */
  write(head: Buffer, text: string, tail: Buffer): boolean {
    if (!this.open) return false;
    const length = head.length + text.length + tail.length;
    if (length > MAX_SHORT_BODY) {
      this.flush();
      this.socket.send(Buffer.concat([head, Buffer.from(text, "latin1"), tail]), { binary: false });
      return true;
    }
    const frame = Buffer.allocUnsafe(this.frameBytes(length));
    this.encode(frame, length, head, text, tail);
    if (this.pending.length === 0) {
      if (heldDepth > 0) held.push(this.flush);
      else void SETTLED.then(this.flush);
    }
    this.pending.push(frame);
    this.pendingBytes += frame.length;
    return true;
  }

  /** Sends a text through ws, after the frames written before it. */
  send(text: string): void {
    if (!this.open) return;
    this.flush();
    this.socket.send(text);
  }

  /** Closes the socket after the frames written before it; nothing once it is no longer open. */
  close(code: number, reason: string): void {
    if (!this.open) return;
    this.flush();
    this.socket.close(code, reason);
  }

  /**
   * Hands this turn's frames to the TCP socket in one write; dropped if ws's socket closed
   * meanwhile. It runs outside any call's error handling, so a write that throws (a broken socket
   * reports asynchronously; nothing known throws here) ends this socket, which its call reads as
   * lost, instead of rejecting unhandled and taking the process down.
   */
  private readonly flush = (): void => {
    const { pending } = this;
    if (pending.length === 0) return;
    try {
      if (this.open)
        this.tcp.write(
          pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, this.pendingBytes),
        );
    } catch {
      this.socket.terminate();
    } finally {
      pending.length = 0;
      this.pendingBytes = 0;
    }
  };

  private frameBytes(bodyLength: number): number {
    return 2 + (bodyLength > 125 ? 2 : 0) + (this.masked ? 4 : 0) + bodyLength;
  }

  private encode(target: Buffer, length: number, head: Buffer, text: string, tail: Buffer): void {
    const maskBit = this.masked ? MASK_BIT : 0;
    target[0] = FIN_TEXT;
    let body = 2;
    if (length > 125) {
      target[1] = maskBit | 126;
      target.writeUInt16BE(length, 2);
      body += 2;
    } else target[1] = maskBit | length;
    if (this.masked) {
      // An all-zero mask leaves the body as written.
      target.writeUInt32BE(0, body);
      body += 4;
    }
    head.copy(target, body);
    target.write(text, body + head.length, "latin1");
    tail.copy(target, body + head.length + text.length);
  }
}
