export type Settled<T> = { value: T } | { error: unknown };

/**
 * Races `work` against `deadlineMs`: its value, its error, or `{ late: true }` when the deadline
 * came first. `settled` is how `work` ends either way (a failure after the deadline is then no
 * unhandled rejection, and a late answer can still be undone).
 */
export async function withinDeadline<T>(
  work: Promise<T>,
  deadlineMs: number,
): Promise<{ outcome: Settled<T> | { late: true }; settled: Promise<Settled<T>> }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ late: true }>((resolve) => {
    timer = setTimeout(() => resolve({ late: true }), deadlineMs);
  });
  const settled = work.then(
    (value): Settled<T> => ({ value }),
    (error: unknown): Settled<T> => ({ error }),
  );
  const outcome = await Promise.race([settled, late]);
  clearTimeout(timer);
  return { outcome, settled };
}
