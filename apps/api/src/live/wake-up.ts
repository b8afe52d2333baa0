/**
 * A one-slot wake-up signal: `wake()` before anyone waits is kept, so a signal that arrives while
 * the waiter is busy (reading the database, say) is never lost.
 */
export class WakeUp {
  private pending = false;
  private resolve: (() => void) | null = null;

  wake(): void {
    this.pending = true;
    this.resolve?.();
  }

  /** Resolves on the next (or a pending) wake-up, after `timeoutMs`, or when `signal` aborts. */
  async wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (!this.pending && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          this.resolve = null;
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        signal?.addEventListener("abort", done, { once: true });
        this.resolve = done;
      });
    }
    this.pending = false;
  }
}
