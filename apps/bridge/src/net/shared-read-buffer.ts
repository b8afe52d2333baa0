import type { Duplex } from "node:stream";
import { TLSSocket } from "node:tls";

/** Large enough for any one read: libuv reads at most what it is given, and Node offers 64 KiB. */
const READ_BUFFER_BYTES = 64 * 1024;

/**
 * One buffer for every socket's reads. The event loop runs one read callback at a time, and each
 * callback is done with the bytes before it returns, so no two reads ever need it at once.
 */
const sharedBuffer = Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);

/** The two fields of a `net.Socket` that its documented `onread` option sets. */
type UserBufferFields = { buffer: symbol; callback: symbol };

/** A socket's own field named `name`, found by its symbol's description. */
function fieldNamed(socket: object, name: string): symbol | undefined {
  return Object.getOwnPropertySymbols(socket).find((key) => key.description === name);
}

function userBufferFields(socket: object): UserBufferFields | null {
  const buffer = fieldNamed(socket, "kBuffer");
  const callback = fieldNamed(socket, "kBufferCb");
  return buffer && callback ? { buffer, callback } : null;
}

/**
 * Reads `tcp` into the process's one shared buffer from now on, as Node's `onread` option does
 * (`net.connect({ onread })`): every read is handed to `onRead` as a view of that buffer, valid only
 * until it returns, so whatever `onRead` keeps it must copy. The socket's streams API no longer
 * sees these reads ('data' is not emitted for them); the end of the stream and errors still come
 * as events. False, changing nothing, where this is not a plain Node socket (then 'data' goes on).
 *
 * Only plain TCP: there reads come one at a time from the event loop's poll. A TLS socket's
 * decrypting layer hands data on from more places than that (its handshake, its own writes), where
 * one read's bytes in the shared buffer could be overwritten by another's; TLS sockets (OpenAI's
 * side in production) keep Node's own reads.
 *
 * Why: by default Node reads each time into a new 64 KiB ArrayBuffer, shrinks it to what was read
 * and pushes it through the socket's Readable stream (a buffer object, the stream's bookkeeping and
 * a `nextTick` each time). At fifty reads a second per call, that allocation and the garbage
 * collections it drives were about a tenth of the bridge's CPU (`./koe bench bridge --baseline
 * koe`, with and without). `onread` is public only for sockets one connects; the accepted sockets
 * Twilio's streams arrive on get it here by setting the same two fields the option sets and
 * switching the handle over with the same call. The test in `shared-read-buffer.test.ts` fails if a
 * Node upgrade moves them, and this then falls back to 'data'.
 */
export function readIntoSharedBuffer(tcp: Duplex, onRead: (bytes: Buffer) => void): boolean {
  const socket = tcp as Duplex & Record<symbol, unknown> & { _handle?: { useUserBuffer?: unknown } };
  const fields = userBufferFields(socket);
  const handle = socket._handle;
  if (tcp instanceof TLSSocket) return false;
  // Null: a socket with no `onread` yet; one already switched is left as it is.
  if (!fields || socket[fields.buffer] !== null || typeof handle?.useUserBuffer !== "function") return false;
  socket[fields.buffer] = sharedBuffer;
  socket[fields.callback] = (bytesRead: number): void => {
    onRead(sharedBuffer.subarray(0, bytesRead));
  };
  handle.useUserBuffer(sharedBuffer);
  return true;
}
