import type { DependencyStub } from './dependency-stub.js';
import {
  formatHealthProbe,
  probeHealth,
  probeHealthUntil,
  type HealthProbe,
} from './health-probe.js';

/** The demo's output for one line of progress. */
type Line = (text: string) => void;

/**
 * How long the API may take to report the stopped stub: its checks run
 * every 500 ms and time out after 2 s.
 */
export const STATUS_CHANGE_TIMEOUT_MILLIS = 10_000;

/** A stop of the stub planned for the middle of the traffic. */
export interface PlannedStop {
  /** Drops the stop if it has not happened yet. */
  cancel(): void;
}

/** Prints `/health` while the stub still runs. */
export async function printHealthBefore(
  baseUrl: string,
  line: Line,
): Promise<void> {
  const probe = await probeHealth(baseUrl);

  for (const text of formatHealthProbe('before the stub stops', probe))
    line(text);
}

/** Stops the stub after `delayMillis`, announcing it. */
export function planStubStop(
  stub: DependencyStub,
  delayMillis: number,
  line: Line,
): PlannedStop {
  const timer = setTimeout(() => {
    line('Stopping the auth and Spotify stub midway through the traffic.');
    void stub.stop();
  }, delayMillis);

  return { cancel: () => clearTimeout(timer) };
}

/**
 * Prints `/health` once it reports the auth check down, or the last
 * response after {@link STATUS_CHANGE_TIMEOUT_MILLIS}.
 */
export async function printHealthAfter(
  baseUrl: string,
  line: Line,
): Promise<HealthProbe> {
  const probe = await probeHealthUntil(
    baseUrl,
    (candidate) => candidate.body?.checks.auth?.status === 'down',
    STATUS_CHANGE_TIMEOUT_MILLIS,
  );

  for (const text of formatHealthProbe('after the stub stopped', probe))
    line(text);
  return probe;
}
