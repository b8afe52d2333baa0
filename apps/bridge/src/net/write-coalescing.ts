import type { Duplex } from "node:stream";

/**
 * Runs `write` with the socket corked until the current callback has finished, so that every
 * WebSocket frame written meanwhile leaves in one syscall. The bridge writes several small frames
 * per event (a Twilio `media` and its `mark`; the appends of Twilio frames read in one TCP chunk),
 * and each write is a syscall that, on loopback, also delivers the packet: at a few hundred calls
 * those syscalls were most of the bridge's CPU. The flush waits for no timer, only for the
 * callback that is already running, so no latency is added.
 */
export function coalesceWrites(socket: Duplex, write: () => void): void {
  if (socket.writableCorked === 0) {
    socket.cork();
    process.nextTick(() => socket.uncork());
  }
  write();
}
