import { send } from './chat-traffic.js';

/** Requests sent in the background at a share of 5xx that can change. */
export interface FaultTraffic {
  /** Sets the share of requests that get a 500 response, from 0 to 1. */
  setFailureRate(rate: number): void;
  /** Counts of the response statuses so far, by status. */
  statuses(): Readonly<Record<number, number>>;
  stop(): Promise<void>;
}

/**
 * Sends `GET /debug/fail?rate=<rate>` to the example API one request after
 * another, with `pauseMillis` between them, until stopped.
 */
export function startFaultTraffic(
  baseUrl: string,
  failureRate: number,
  pauseMillis = 40,
): FaultTraffic {
  let rate = failureRate;
  let running = true;
  const counts: Record<number, number> = {};

  const loop = (async () => {
    while (running) {
      const status = await send(baseUrl, 'GET', `/debug/fail?rate=${rate}`);
      counts[status] = (counts[status] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, pauseMillis));
    }
  })();

  return {
    setFailureRate: (next) => {
      rate = next;
    },
    statuses: () => ({ ...counts }),
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
