import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FixtureHandle, runFixture } from '@seda/test-utils';
import { SERVER_LIFETIME_MILLIS, waitForReady } from './child-server.js';
import { freePort } from './free-port.js';

/** An alert as Alertmanager's `/api/v2/alerts` lists it. */
export interface AlertmanagerAlert {
  readonly labels: Record<string, string>;
  readonly status: {
    readonly state: 'active' | 'suppressed' | 'unprocessed';
    readonly inhibitedBy: string[];
  };
  readonly receivers: { name: string }[];
}

/** An alert to post to `/api/v2/alerts`. */
export interface PostableAlert {
  readonly labels: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly startsAt?: string;
  readonly endsAt?: string;
}

/** An Alertmanager started for a test, on 127.0.0.1 with no cluster. */
export interface AlertmanagerServer {
  readonly url: string;
  readonly process: FixtureHandle;
  postAlerts(alerts: readonly PostableAlert[]): Promise<void>;
  alerts(): Promise<AlertmanagerAlert[]>;
  stop(): Promise<void>;
}

/**
 * Starts Alertmanager with a configuration written into `folder`, its own
 * storage under `folder`, clustering off (an empty
 * `--cluster.listen-address`) and the API on a free loopback port.
 */
export async function startAlertmanager(
  binary: string,
  folder: string,
  configYaml: string,
): Promise<AlertmanagerServer> {
  const configFile = join(folder, 'alertmanager.yml');
  await mkdir(folder, { recursive: true });
  await writeFile(configFile, configYaml);
  const address = `127.0.0.1:${await freePort()}`;
  const process = await runFixture({
    command: binary,
    args: [
      `--config.file=${configFile}`,
      `--storage.path=${join(folder, 'data')}`,
      `--web.listen-address=${address}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    cwd: folder,
    timeoutMillis: SERVER_LIFETIME_MILLIS,
  });
  const url = `http://${address}`;
  await waitForReady(url, process, 'Alertmanager');
  return alertmanagerClient(url, process);
}

function alertmanagerClient(
  url: string,
  process: FixtureHandle,
): AlertmanagerServer {
  return {
    url,
    process,
    async postAlerts(alerts) {
      const response = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!response.ok) {
        throw new Error(
          `POST /api/v2/alerts failed with ${response.status}: ${await response.text()}`,
        );
      }
    },
    async alerts() {
      const response = await fetch(`${url}/api/v2/alerts`);
      return (await response.json()) as AlertmanagerAlert[];
    },
    async stop() {
      await process.stop();
    },
  };
}
