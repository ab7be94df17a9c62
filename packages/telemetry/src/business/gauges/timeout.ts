/** The outcome of work awaited with a time limit. */
export type TimedOutcome<T> =
  | { readonly kind: 'fulfilled'; readonly value: T }
  | { readonly kind: 'rejected'; readonly error: unknown }
  | { readonly kind: 'timedOut' };

/**
 * Waits for `work` at most `timeoutMillis`. The work itself goes on after a
 * time-out; the caller decides what to do with it. The timer does not keep
 * the process alive.
 */
export function withTimeout<T>(
  work: Promise<T>,
  timeoutMillis: number,
): Promise<TimedOutcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<TimedOutcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timedOut' }), timeoutMillis);
    timer.unref();
  });
  const settled = work.then(
    (value): TimedOutcome<T> => ({ kind: 'fulfilled', value }),
    (error: unknown): TimedOutcome<T> => ({ kind: 'rejected', error }),
  );
  return Promise.race([settled, deadline]).finally(() => clearTimeout(timer));
}
