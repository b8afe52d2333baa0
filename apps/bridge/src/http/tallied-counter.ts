import { Counter, type Registry } from "prom-client";

/**
 * A Prometheus counter for what happens once per frame: `inc` adds to a plain number, which a
 * scrape moves into the counter. prom-client's own `inc` allocates two objects per call, and frames
 * come fifty a second per call.
 */
export class TalliedCounter {
  readonly counter: Counter;
  private pending = 0;

  constructor(config: { name: string; help: string; registers: Registry[] }) {
    const take = () => {
      const pending = this.pending;
      this.pending = 0;
      return pending;
    };
    this.counter = new Counter({
      ...config,
      collect() {
        const pending = take();
        if (pending > 0) this.inc(pending);
      },
    });
  }

  inc(): void {
    this.pending++;
  }
}
