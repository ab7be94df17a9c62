import type { TelemetryOptions } from '@seda/telemetry';

/**
 * Starts `@seda/telemetry` in code when `BENCH_START_TELEMETRY` is `1`, as
 * the example API's `main.ts` does, with the options in the JSON of
 * `BENCH_TELEMETRY_OPTIONS` (for example
 * `{"instrumentations":{"prisma":false}}`, to find which instrumentation a
 * cost comes from), and returns its Prometheus URL. The soak uses it to read
 * the SDK's drop counters while the collector is down.
 */
export async function startTelemetryIfEnabled(): Promise<string | undefined> {
  if (process.env.BENCH_START_TELEMETRY !== '1') return undefined;

  const options = JSON.parse(
    process.env.BENCH_TELEMETRY_OPTIONS ?? '{}',
  ) as TelemetryOptions;
  const { startTelemetry } = await import('@seda/telemetry');
  const handle = startTelemetry({ ...options, shutdown: { signals: false } });
  return handle.prometheusUrl;
}
