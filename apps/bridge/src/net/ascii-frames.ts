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
 * `value` as a JSON string literal in ASCII only (anything past 7 bits as a \u escape): a frame's
 * head is written byte for byte as latin1, so it must hold no wider character.
 */
export function asciiJsonString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * WebSocket text frames for the hot path, built by hand around ASCII bodies and written straight
 * to the connection's TCP socket as latin1 strings, one byte per character. `ws.send` of a string
 * encodes it into a new buffer, allocates a header beside it and writes the two as separate chunks;
 * a Buffer built here would still be one allocation per frame. A string goes to the socket as it
 * is: Node writes a short one from a stack buffer, with no JavaScript buffer at all. A frame's
 * head and tail are ASCII (`asciiJsonString` for what they embed) and its `text` is base64 or
 * another ASCII string (what the schemas admit for audio; the bridge's own mark names).
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
  private pending = "";
  /** The frame head (and client mask) of the last body length written: most frames are one size. */
  private headLength = -1;
  private head = "";

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
    return this.pending.length + this.socket.bufferedAmount;
  }

  /** Writes one text frame; false, writing nothing, once the socket is no longer open. */
  write(head: string, text: string, tail: string): boolean {
    if (!this.open) return false;
    const length = head.length + text.length + tail.length;
    if (length > MAX_SHORT_BODY) {
      this.flush();
      this.socket.send(Buffer.from(head + text + tail, "latin1"), { binary: false });
      return true;
    }
    if (this.pending.length === 0) {
      if (heldDepth > 0) held.push(this.flush);
      else void SETTLED.then(this.flush);
    }
    this.pending += this.frameHead(length) + head + text + tail;
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
    this.pending = "";
    try {
      if (this.open) this.tcp.write(pending, "latin1");
    } catch {
      this.socket.terminate();
    }
  };

  /** The frame's first bytes: FIN and text, its length, and a client's all-zero mask (the body as written). */
  private frameHead(length: number): string {
    if (length === this.headLength) return this.head;
    const maskBit = this.masked ? MASK_BIT : 0;
    const lengthBytes =
      length > 125
        ? String.fromCharCode(maskBit | 126, length >> 8, length & 0xff)
        : String.fromCharCode(maskBit | length);
    this.headLength = length;
    this.head = String.fromCharCode(FIN_TEXT) + lengthBytes + (this.masked ? "\0\0\0\0" : "");
    return this.head;
  }
}
