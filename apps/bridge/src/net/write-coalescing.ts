import type { Duplex } from "node:stream";

/**
 * Holds a socket corked until the current callback has finished, so that every WebSocket frame
 * written meanwhile leaves in one syscall. The bridge writes several small frames per event (a
 * Twilio `media` and its `mark`; the appends of Twilio frames read in one TCP chunk), and each
 * write is a syscall that, on loopback, also delivers the packet: at a few hundred calls those
 * syscalls were most of the bridge's CPU. The flush waits for no timer, only for the callback
 * that is already running, so no latency is added.
 */
export class WriteCoalescing {
  private readonly socket: Duplex;
  /** Made once: a closure per write would be garbage for every frame. */
  private readonly uncork: () => void;

  constructor(socket: Duplex) {
    this.socket = socket;
    this.uncork = () => socket.uncork();
  }

  /** Call just before writing. */
  hold(): void {
    if (this.socket.writableCorked !== 0) return;
    this.socket.cork();
    process.nextTick(this.uncork);
  }
}
