import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type FixtureHandle,
  type OtlpReceiver,
  runFixture,
  waitForUrl,
} from '@seda/test-utils';
import { apiClient, type ApiClient } from '../../helpers/http.js';

const API_DIR = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../../dist/main.js', import.meta.url));

/** Time for the app to migrate its database, connect and listen. */
const START_TIMEOUT_MILLIS = 20_000;

/** `dist/main.js` running in a child process, exporting to a receiver. */
export interface InstrumentedApp {
  fixture: FixtureHandle;
  /** Base URL, such as `http://127.0.0.1:40123`. */
  url: string;
  api: ApiClient;
}

export interface InstrumentedAppOptions {
  databaseUrl: string;
  /** Variables added to, or replacing, the export environment. */
  env?: Record<string, string | undefined>;
}

/**
 * Environment that makes the SDK export to `receiver` within fractions of a
 * second: a 50 ms batch delay and a 250 ms metric interval.
 */
export function exportEnv(
  receiver: OtlpReceiver,
): Record<string, string | undefined> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_BSP_SCHEDULE_DELAY: '50',
    OTEL_BLRP_SCHEDULE_DELAY: '50',
    OTEL_METRIC_EXPORT_INTERVAL: '250',
    OTEL_NODE_RESOURCE_DETECTORS: 'host,process,serviceinstance',
  };
}

/**
 * Starts the built app (`dist/main.js`, which starts the SDK before it loads
 * the app) on port 0 and waits until it listens. The child gets only
 * `PATH`, `HOME` and the variables set here, so no `REDIS_URL` or `OTEL_*`
 * of the test process leaks into it.
 */
export async function startInstrumentedApp(
  receiver: OtlpReceiver,
  options: InstrumentedAppOptions,
): Promise<InstrumentedApp> {
  if (!existsSync(MAIN)) {
    throw new Error(
      `${MAIN} is missing: run \`pnpm --filter @seda/example-api build\` first`,
    );
  }

  const fixture = await runFixture({
    args: [MAIN],
    cwd: API_DIR,
    env: {
      ...exportEnv(receiver),
      PORT: '0',
      DATABASE_URL: options.databaseUrl,
      ...options.env,
    },
  });
  // The app logs JSON lines, so the URL ends at the quote that closes the
  // message.
  const url = await waitForUrl(fixture, /listening on (http:\/\/[^\s"]+)/, {
    timeoutMillis: START_TIMEOUT_MILLIS,
  });
  return { fixture, url: url.origin, api: apiClient(url.origin) };
}
