/**
 * Settles when `work` settles or after `timeoutMillis`, whichever comes
 * first; `onTimeout` runs in the second case. The timer does not keep the
 * process alive. Rejections of `work` are passed to `onError` and never
 * propagate, because flushing telemetry must not fail the caller.
 */
export function settleWithin(
  work: Promise<unknown>,
  timeoutMillis: number,
  onTimeout: () => void,
  onError: (error: unknown) => void,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve();
    }, timeoutMillis);
    timer.unref();
  });
  const finished = work.then(
    () => undefined,
    (error: unknown) => onError(error),
  );
  return Promise.race([finished, deadline]).finally(() => clearTimeout(timer));
}
