import type { FixtureHandle } from '@seda/test-utils';
import { waitUntil } from './wait-until.js';

/**
 * Maximum lifetime of a server that a test file starts, in milliseconds, after
 * which the fixture runner kills it even if `afterAll` never ran.
 */
export const SERVER_LIFETIME_MILLIS = 20 * 60_000;

/**
 * Waits for `/-/ready` to return 200, and fails at once, with the child's
 * error output, when the child exits first.
 */
export async function waitForReady(
  url: string,
  process: FixtureHandle,
  name: string,
): Promise<void> {
  const ready = waitUntil(
    `${name} at ${url} to be ready`,
    async () => {
      const response = await fetch(`${url}/-/ready`).catch(() => undefined);
      return response?.ok ? true : undefined;
    },
    { timeoutMillis: 30_000 },
  );
  // The wait goes on after an exit wins the race; its rejection is moot.
  ready.catch(() => undefined);

  const first = await Promise.race([ready, process.exited]);
  if (first !== true) {
    throw new Error(
      `${name} exited before it was ready (code ${first.code}):\n${first.stderr}`,
    );
  }
}
