/**
 * Polls `check` until it returns a value other than `undefined` and
 * resolves with it. Rejects after `timeoutMillis` with `description` and the last
 * error `check` threw, if any.
 */
export async function waitUntil<T>(
  description: string,
  check: () => Promise<T | undefined> | T | undefined,
  options: { timeoutMillis: number; intervalMillis?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMillis;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError === undefined ? '' : `: ${String(lastError)}`;
      throw new Error(
        `Timed out after ${options.timeoutMillis} ms waiting for ${description}${cause}`,
      );
    }
    await new Promise((resolve) =>
      setTimeout(resolve, options.intervalMillis ?? 250),
    );
  }
}
