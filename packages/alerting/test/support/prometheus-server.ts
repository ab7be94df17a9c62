import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FixtureHandle, runFixture } from '@seda/test-utils';
import { SERVER_LIFETIME_MILLIS, waitForReady } from './child-server.js';
import { freePort } from './free-port.js';

/** A Prometheus alert as `/api/v1/alerts` lists it. */
export interface PrometheusAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly state: 'pending' | 'firing';
  readonly value: string;
}

/** A Prometheus server started for a test, on 127.0.0.1. */
export interface PrometheusServer {
  readonly url: string;
  readonly process: FixtureHandle;
  /** Runs an instant query and returns its vector result. */
  query(
    expr: string,
  ): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  alerts(): Promise<PrometheusAlert[]>;
  stop(): Promise<void>;
}

/**
 * Starts Prometheus with a configuration written into `folder`, its own
 * TSDB under `folder`, and the web API on a free loopback port. Alerts are
 * re-sent every second instead of every minute, so that Alertmanager receives
 * each change of state at once.
 */
export async function startPrometheus(
  binary: string,
  folder: string,
  configYaml: string,
): Promise<PrometheusServer> {
  const configFile = join(folder, 'prometheus.yml');
  await mkdir(folder, { recursive: true });
  await writeFile(configFile, configYaml);
  const address = `127.0.0.1:${await freePort()}`;
  const process = await runFixture({
    command: binary,
    args: [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(folder, 'tsdb')}`,
      `--web.listen-address=${address}`,
      '--rules.alert.resend-delay=1s',
      '--log.level=warn',
    ],
    cwd: folder,
    timeoutMillis: SERVER_LIFETIME_MILLIS,
  });
  const url = `http://${address}`;
  await waitForReady(url, process, 'Prometheus');
  return prometheusClient(url, process);
}

function prometheusClient(
  url: string,
  process: FixtureHandle,
): PrometheusServer {
  return {
    url,
    process,
    async query(expr) {
      const body = await getJson(
        `${url}/api/v1/query?query=${encodeURIComponent(expr)}`,
      );
      return body.data.result;
    },
    async alerts() {
      const body = await getJson(`${url}/api/v1/alerts`);
      return body.data.alerts;
    },
    async stop() {
      await process.stop();
    },
  };
}

async function getJson(url: string) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(
      `GET ${url} failed with ${response.status}: ${await response.text()}`,
    );
  }
  return response.json() as Promise<{ data: any }>;
}
