import autocannon from 'autocannon';

/** The measurements of one HTTP load run, from the load generator's side. */
export interface HttpLoadResult {
  /** Responses completed during the run. */
  readonly requests: number;
  /**
   * Requests sent, including those still in flight when the run ended,
   * which the server goes on to serve and trace.
   */
  readonly sent: number;
  readonly durationSeconds: number;
  readonly requestsPerSecond: number;
  readonly p50Millis: number;
  readonly p99Millis: number;
  /** Connection errors and timeouts together. */
  readonly errors: number;
  readonly non2xx: number;
}

export interface HttpLoadOptions {
  readonly connections: number;
  readonly seconds: number;
  /** Requests per second over all connections; unset means as fast as possible. */
  readonly overallRate?: number;
}

/** Runs autocannon against `url` with a fixed number of connections. */
export async function runHttpLoad(
  url: string,
  options: HttpLoadOptions,
): Promise<HttpLoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  });
  return {
    requests: result.requests.total,
    sent: (result.requests as { sent?: number }).sent ?? result.requests.total,
    durationSeconds: result.duration,
    requestsPerSecond: result.requests.total / result.duration,
    p50Millis: result.latency.p50,
    p99Millis: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
