import { setTimeout as sleep } from 'node:timers/promises';
import { createApiClient } from './traffic/api-client.js';
import {
  chooseAction,
  INVALID_ACTIONS,
  signUp,
  type ActionContext,
} from './traffic/actions.js';
import { runChatTraffic } from './traffic/chat-traffic.js';
import { randomHex } from './traffic/sample-data.js';
import { TrafficStats } from './traffic/traffic-stats.js';
import { TrafficWorld } from './traffic/traffic-world.js';

export interface TrafficOptions {
  /** Base URL of the API. */
  baseUrl: string;
  /** Seconds after which no new request starts. Running ones finish. */
  seconds: number;
  virtualUsers: number;
  /**
   * URL of the API's `ws` chat gateway. When set, chat clients on both
   * gateways run alongside the virtual users (see `runChatTraffic`).
   */
  wsUrl?: string;
  /** Aborts every request at once, for a crashed API or Ctrl-C. */
  signal: AbortSignal;
  /** Called every `progressIntervalMillis` while the traffic runs. */
  onProgress?: (stats: TrafficStats) => void;
  /** Default 3000. */
  progressIntervalMillis?: number;
}

/** Pause of a virtual user between two requests, in milliseconds. */
const THINK_TIME_MILLIS = { min: 20, max: 80 };

/**
 * Runs virtual users that sign up, create, join and leave rooms, post
 * messages (some sharing tracks), react, read histories, verify artists
 * and send a few invalid requests, until the time is up or `signal`
 * aborts. Resolves with the counts of what was sent.
 */
export async function runTraffic(
  options: TrafficOptions,
): Promise<TrafficStats> {
  const stats = new TrafficStats();
  const context: ActionContext = {
    client: createApiClient(options.baseUrl, stats, options.signal),
    world: new TrafficWorld(randomHex(3)),
  };
  const until = performance.now() + options.seconds * 1000;
  const progress = setInterval(
    () => options.onProgress?.(stats),
    options.progressIntervalMillis ?? 3_000,
  );

  try {
    const users = Array.from({ length: options.virtualUsers }, (_, i) =>
      runVirtualUser(context, i, until, options.signal),
    );
    const chat =
      options.wsUrl === undefined
        ? []
        : [
            runChatTraffic({
              ...context,
              endpoints: { baseUrl: options.baseUrl, wsUrl: options.wsUrl },
              stats: stats.chat,
              until,
              signal: options.signal,
            }),
          ];

    await Promise.all([...users, ...chat]);
  } finally {
    clearInterval(progress);
    stats.finish();
  }
  return stats;
}

/**
 * Signs up, sends one invalid request, then random requests until `until`.
 * The invalid request goes round the kinds by user number, so that with
 * four users or more each kind of 4xx appears even in a short run.
 */
async function runVirtualUser(
  context: ActionContext,
  userNumber: number,
  until: number,
  signal: AbortSignal,
): Promise<void> {
  const invalid = INVALID_ACTIONS[userNumber % INVALID_ACTIONS.length];

  await signUp(context).catch(countedByClient);
  await invalid?.(context).catch(countedByClient);
  while (performance.now() < until && !signal.aborted) {
    await chooseAction(context.world)(context).catch(countedByClient);
    await sleep(thinkTimeMillis(), undefined, { signal }).catch(stopped);
  }
}

/** Ignores a request without a response, which the client counted. */
function countedByClient(): void {}

/** Ignores the abort of a pause, after which the loop ends. */
function stopped(): void {}

function thinkTimeMillis(): number {
  const { min, max } = THINK_TIME_MILLIS;

  return min + Math.random() * (max - min);
}
