import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FixtureHandle, runFixture } from '@seda/test-utils';
import { SERVER_LIFETIME_MILLIS } from './child-server.js';

/** The compiled example API, built by `pnpm run build` at the root. */
export const EXAMPLE_API_MAIN = fileURLToPath(
  new URL('../../../../examples/api/dist/main.js', import.meta.url),
);

/** The example API running as a child process, with its URLs. */
export interface ExampleApi {
  /** HTTP base URL, such as `http://127.0.0.1:40123`. */
  readonly url: string;
  /** URL of the `ws` chat gateway. */
  readonly wsUrl: string;
  /** URL of the SDK's Prometheus endpoint. */
  readonly metricsUrl: string;
  readonly process: FixtureHandle;
  stop(): Promise<void>;
}

/**
 * Starts `examples/api/dist/main.js` on free loopback ports with a SQLite
 * file in `folder`, the SDK's Prometheus endpoint on 127.0.0.1 and the
 * test-only fault routes on (`DEMO_FAULTS=1`). `env` adds to or overrides
 * those variables, for example the OTLP exporters.
 */
export async function startExampleApi(
  folder: string,
  env: Record<string, string> = {},
): Promise<ExampleApi> {
  if (!existsSync(EXAMPLE_API_MAIN)) {
    throw new Error(
      `${EXAMPLE_API_MAIN} is missing: run \`pnpm run build\` at the repository root first`,
    );
  }
  await mkdir(folder, { recursive: true });
  const process = await runFixture({
    args: [EXAMPLE_API_MAIN],
    cwd: folder,
    timeoutMillis: SERVER_LIFETIME_MILLIS,
    env: {
      DATABASE_URL: `file:${join(folder, 'seda.db')}`,
      PORT: '0',
      DEMO_FAULTS: '1',
      OTEL_METRICS_EXPORTER: 'prometheus',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: '0',
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      ...env,
    },
  });

  try {
    const [metrics, http, ws] = await Promise.all([
      process.waitForOutput(/Prometheus metrics served at (\S+)/, {
        stream: 'stderr',
        timeoutMillis: 30_000,
      }),
      process.waitForOutput(/"listening on (http:\/\/[^"\s]+)/, {
        timeoutMillis: 30_000,
      }),
      process.waitForOutput(/ws listening on (ws:\/\/[^"\s]+)/, {
        timeoutMillis: 30_000,
      }),
    ]);
    return {
      url: http[1] ?? '',
      wsUrl: ws[1] ?? '',
      metricsUrl: metrics[1] ?? '',
      process,
      stop: async () => {
        await process.stop();
      },
    };
  } catch (error) {
    await process.stop();
    throw error;
  }
}
