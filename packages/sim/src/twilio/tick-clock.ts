/**
 * One 10 ms timer drives every simulated call of this process: a timer (and a polling loop) per
 * call does not scale to the thousand concurrent calls of the benchmark.
 */
const tickSubscribers = new Set<() => void>();
let ticker: NodeJS.Timeout | null = null;

export function everyTick(callback: () => void): () => void {
  tickSubscribers.add(callback);
  ticker ??= setInterval(() => {
    for (const subscriber of tickSubscribers) subscriber();
  }, 10);
  return () => {
    tickSubscribers.delete(callback);
    if (tickSubscribers.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
  };
}
