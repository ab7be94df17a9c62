import { fileURLToPath } from 'node:url';
import {
  type FixtureHandle,
  type OtlpReceiver,
  runFixture,
  waitForUrl,
} from '@seda/test-utils';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * Environment for a fixture that exports to `receiver` quickly: short batch
 * and metric intervals, so tests wait for fractions of a second.
 */
export function exportEnv(
  receiver: OtlpReceiver,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_BSP_SCHEDULE_DELAY: '50',
    OTEL_BLRP_SCHEDULE_DELAY: '50',
    OTEL_METRIC_EXPORT_INTERVAL: '250',
    OTEL_NODE_RESOURCE_DETECTORS: 'host,process,serviceinstance',
    ...extra,
  };
}

/** Starts a fixture file from `test/fixtures` with Node and the given flags. */
export function startFixture(
  file: string,
  options: {
    nodeArgs?: string[];
    env: Record<string, string | undefined>;
    /** Kills the child after this long. Default 30000. */
    timeoutMillis?: number;
  },
): Promise<FixtureHandle> {
  return runFixture({
    args: [...(options.nodeArgs ?? []), `${FIXTURES}${file}`],
    env: options.env,
    cwd: FIXTURES,
    timeoutMillis: options.timeoutMillis,
  });
}

/** Starts a fixture that prints `listening on <url>` and returns both. */
export async function startServerFixture(
  file: string,
  options: { nodeArgs?: string[]; env: Record<string, string | undefined> },
): Promise<{ fixture: FixtureHandle; url: string }> {
  const fixture = await startFixture(file, options);
  const url = await waitForUrl(fixture, /listening on (http:\/\/\S+)/);
  return { fixture, url: url.origin };
}
