import { ChatTrafficStats } from './chat-stats.js';

/** Responses of one action, by status class, and requests that failed. */
export interface ActionCounts {
  requests: number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  /** Requests that got no response: refused, reset or timed out. */
  failed: number;
}

type StatusClass = '2xx' | '3xx' | '4xx' | '5xx';

function emptyCounts(): ActionCounts {
  return { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, failed: 0 };
}

function statusClass(status: number): StatusClass | undefined {
  if (status >= 200 && status < 300) return '2xx';
  if (status >= 300 && status < 400) return '3xx';
  if (status >= 400 && status < 500) return '4xx';
  if (status >= 500 && status < 600) return '5xx';
  return undefined;
}

/** Counts of what the traffic sent, per action and in total. */
export class TrafficStats {
  /** What the chat clients did, when they ran. */
  readonly chat = new ChatTrafficStats();
  private readonly startedAt = performance.now();
  private endedAt: number | undefined;
  private readonly actions = new Map<string, ActionCounts>();

  recordResponse(action: string, status: number): void {
    const counts = this.countsOf(action);
    const kind = statusClass(status);

    counts.requests += 1;
    if (kind !== undefined) counts[kind] += 1;
  }

  recordFailure(action: string): void {
    const counts = this.countsOf(action);

    counts.requests += 1;
    counts.failed += 1;
  }

  /** Counts per action, sorted by action name. */
  byAction(): [string, ActionCounts][] {
    return [...this.actions.entries()].sort(([a], [b]) => a.localeCompare(b));
  }

  total(): ActionCounts {
    const total = emptyCounts();

    for (const counts of this.actions.values()) {
      for (const key of Object.keys(total) as (keyof ActionCounts)[]) {
        total[key] += counts[key];
      }
    }
    return total;
  }

  /** Stops the clock of `elapsedSeconds`. */
  finish(): void {
    this.endedAt ??= performance.now();
  }

  /** Seconds from the start to `finish()`, or to now before it. */
  elapsedSeconds(): number {
    return ((this.endedAt ?? performance.now()) - this.startedAt) / 1000;
  }

  /** Formats a line such as `5.0 s: 640 requests (2xx 590, …), 128 req/s`. */
  progressLine(): string {
    const total = this.total();
    const seconds = this.elapsedSeconds();
    const rate = seconds > 0 ? Math.round(total.requests / seconds) : 0;

    return (
      `${seconds.toFixed(1)} s: ${total.requests} requests ` +
      `(2xx ${total['2xx']}, 4xx ${total['4xx']}, 5xx ${total['5xx']}, ` +
      `failed ${total.failed}), ${rate} req/s`
    );
  }

  private countsOf(action: string): ActionCounts {
    let counts = this.actions.get(action);

    if (counts === undefined) {
      counts = emptyCounts();
      this.actions.set(action, counts);
    }
    return counts;
  }
}
