import { isUtf8 } from "node:buffer";
import { createRequire } from "node:module";
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import { readIntoSharedBuffer } from "./shared-read-buffer.ts";

/** The native unmasking ws itself uses (bufferutil's documented API; it ships no types). */
const { unmask } = createRequire(import.meta.url)("bufferutil") as {
  unmask(buffer: Buffer, mask: Buffer): void;
};

const FIN = 0x80;
const OPCODE_TEXT = 0x1;
const OPCODE_PING = 0x9;
const OPCODE_PONG = 0xa;
const MASK_BIT = 0x80;
const MAX_CONTROL_PAYLOAD = 125;
const REPLACEMENT_CHARACTER = "\uFFFD";

export type TextFrameReaderOptions = {
  /** Whether the peer masks its frames: a client does (Twilio's side), a server never (OpenAI's). */
  masked: boolean;
  /** ws's own `maxPayload` for this socket: a larger frame is left to ws, which refuses it. */
  maxPayload: number;
  /** One whole text message, decoded. */
  onText(text: string): void;
  /** Told when a read's frames begin and end to be handled: the writes they cause can wait for the end. */
  writes?: { hold(): void; release(): void };
};

/** What a frame's header says, once all of it has arrived. */
type Header = { opcode: number; start: number; bodyAt: number; end: number } | "incomplete" | "unusual";

/**
 * Reads a WebSocket's incoming frames ahead of ws, for the frames a call's sockets carry fifty
 * times a second: ws's receiver takes each read through a Writable stream, a state machine and two
 * events before the text reaches its listener; here a read's whole frames are unmasked in place
 * and decoded in one pass, and their texts handed over directly. The socket reads into the
 * process's one read buffer (`shared-read-buffer.ts`), not a new buffer for every read.
 *
 * Only what is plainly in protocol is read here: unfragmented text frames (masked as the peer's
 * side requires, within ws's `maxPayload`, valid UTF-8) and pings and pongs (answered and emitted
 * as ws does). At the first frame of any other kind (a close, a binary or fragmented message,
 * anything out of protocol) the socket goes back to ws for good, from that frame's first byte, so
 * ws's receiver starts on a frame boundary and closes, refuses or reassembles as it always has.
 *
 * Texts still come after the socket began to close, as ws's come: the peer's close frame must
 * reach ws to end the closing handshake.
 */
export function readTextFrames(socket: WebSocket, tcp: Duplex, options: TextFrameReaderOptions): void {
  const listeners = tcp.listeners("data") as ((this: Duplex, chunk: Buffer) => void)[];
  // Not the socket as ws sets it up (one listener, its own): leave it to ws.
  const [wsOnData] = listeners;
  if (listeners.length !== 1 || !wsOnData) return;
  const partial: Buffer[] = [];
  let partialBytes = 0;
  /** Bytes the first frame in `partial` needs before it can be read. */
  let needed = 0;

  let handedOver = false;
  const handOver = (bytes: Buffer): -1 => {
    handedOver = true;
    tcp.removeListener("data", onData);
    tcp.on("data", wsOnData);
    // A copy: ws keeps what it has not yet parsed, and a read's bytes may be the shared buffer.
    wsOnData.call(tcp, Buffer.from(bytes));
    return -1;
  };

  const header = (buf: Buffer, at: number): Header => {
    if (buf.length - at < 2) return "incomplete";
    const first = buf[at] as number;
    const second = buf[at + 1] as number;
    const opcode = first & 0x0f;
    // FIN set, no RSV bits, and a text, ping or pong.
    if (
      (first & 0xf0) !== FIN ||
      (opcode !== OPCODE_TEXT && opcode !== OPCODE_PING && opcode !== OPCODE_PONG)
    )
      return "unusual";
    if (((second & MASK_BIT) !== 0) !== options.masked) return "unusual";
    let length = second & 0x7f;
    let bodyAt = at + 2;
    if (length === 126) {
      if (buf.length - at < 4) return "incomplete";
      length = buf.readUInt16BE(at + 2);
      bodyAt += 2;
    } else if (length === 127) {
      if (buf.length - at < 10) return "incomplete";
      // Beyond 32 bits it is past any maxPayload: ws refuses it.
      if (buf.readUInt32BE(at + 2) !== 0) return "unusual";
      length = buf.readUInt32BE(at + 6);
      bodyAt += 8;
    }
    if (opcode === OPCODE_TEXT ? length > options.maxPayload : length > MAX_CONTROL_PAYLOAD) return "unusual";
    if (options.masked) bodyAt += 4;
    return { opcode, start: at, bodyAt, end: bodyAt + length };
  };

  /** Reads the whole frames in `buf`; where it stopped, or -1 once the socket went back to ws. */
  const readFrames = (buf: Buffer): number => {
    let at = 0;
    while (at < buf.length) {
      const frame = header(buf, at);
      if (frame === "unusual") return handOver(buf.subarray(at));
      if (frame === "incomplete" || frame.end > buf.length) return at;
      const { opcode, bodyAt, end } = frame;
      const body = buf.subarray(bodyAt, end);
      const mask = options.masked ? buf.subarray(bodyAt - 4, bodyAt) : null;
      if (mask) unmask(body, mask);
      at = end;
      if (opcode === OPCODE_TEXT) {
        const text = buf.toString("utf8", bodyAt, end);
        // Invalid UTF-8 always decodes to U+FFFD somewhere. ws refuses it (1007): it gets the
        // frame back as it arrived (the mask is an XOR).
        if (text.includes(REPLACEMENT_CHARACTER) && !isUtf8(body)) {
          if (mask) unmask(body, mask);
          return handOver(buf.subarray(frame.start));
        }
        options.onText(text);
      } else {
        // A copy: the read's buffer is not the listeners' to keep.
        const payload = Buffer.from(body);
        // As ws answers with autoPong, the bridge's setting on every socket.
        if (opcode === OPCODE_PING) {
          socket.pong(payload, !options.masked, noop);
          socket.emit("ping", payload);
        } else socket.emit("pong", payload);
      }
    }
    return at;
  };

  const onData = (chunk: Buffer): void => {
    // A frame split across reads: its parts wait until all of it is here, then are joined once.
    // They are copies: a read's bytes are the shared read buffer, which the next read overwrites.
    if (partial.length > 0) {
      partial.push(Buffer.from(chunk));
      partialBytes += chunk.length;
      if (partialBytes < needed) return;
    }
    const buf = partial.length > 0 ? Buffer.concat(partial, partialBytes) : chunk;
    partial.length = 0;
    options.writes?.hold();
    try {
      const at = readFrames(buf);
      if (at >= 0 && at < buf.length) {
        const rest = buf.subarray(at);
        const frame = header(rest, 0);
        // Its header whole: wait for its end; else any more bytes may complete the header.
        needed = typeof frame === "object" ? frame.end : 0;
        partial.push(Buffer.from(rest));
        partialBytes = rest.length;
      }
    } finally {
      options.writes?.release();
    }
  };

  tcp.removeListener("data", wsOnData);
  // What the socket has already read still comes as 'data'; its reads from now on come here.
  tcp.on("data", onData);
  readIntoSharedBuffer(tcp, (bytes) => {
    if (handedOver) tcp.emit("data", Buffer.from(bytes));
    else onData(bytes);
  });
}

function noop(): void {}
