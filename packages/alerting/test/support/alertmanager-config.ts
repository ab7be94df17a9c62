import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

/** The shipped Alertmanager configuration. */
export const SHIPPED_ALERTMANAGER_CONFIG = fileURLToPath(
  new URL('../../alertmanager/alertmanager.yml', import.meta.url),
);

/** Where the shipped configuration reads its secrets from. */
const SECRETS_FOLDER = '/etc/alertmanager/secrets/';

/** The routing key the tests put into the pager's secret file. */
export const TEST_ROUTING_KEY = 'test-routing-key-from-file';

/** The local stand-ins for the receivers, and the notification timing. */
export interface TestDelivery {
  /** Base URL of the webhook receiver for PagerDuty and Slack. */
  readonly webhookUrl: string;
  /** `127.0.0.1:<port>` of the SMTP sink. */
  readonly smtpAddress: string;
  /** Folder to write the secret files into. */
  readonly secretsFolder: string;
  /** Replaces every `group_wait`, `group_interval` and `repeat_interval`. */
  readonly timing: {
    readonly groupWait: string;
    readonly groupInterval: string;
    readonly repeatInterval: string;
  };
}

/**
 * Returns the shipped configuration with its routes and inhibitions as they
 * are, but delivering to local stand-ins. The secret files (the Slack URL,
 * the PagerDuty routing key and the SMTP password) are written to
 * `secretsFolder`. PagerDuty's URL and the SMTP server point at loopback,
 * TLS is off for the SMTP sink, and the notification timing is shortened.
 *
 * @throws Error when any address of the result is not on 127.0.0.1, so that
 *   a test can never notify a real service.
 */
export async function testAlertmanagerConfig(
  delivery: TestDelivery,
): Promise<string> {
  const config = parse(readFileSync(SHIPPED_ALERTMANAGER_CONFIG, 'utf8'));
  await writeSecrets(delivery);

  replaceSecretPaths(config, delivery.secretsFolder);
  config.global.smtp_smarthost = delivery.smtpAddress;
  config.global.smtp_require_tls = false;
  config.templates = config.templates.map((pattern: string) =>
    resolve(dirname(SHIPPED_ALERTMANAGER_CONFIG), pattern),
  );
  for (const receiver of config.receivers) {
    for (const pager of receiver.pagerduty_configs ?? []) {
      pager.url = `${delivery.webhookUrl}/pagerduty`;
    }
  }
  shortenTiming(config.route, delivery.timing);

  assertLoopbackOnly(config);
  return stringify(config);
}

async function writeSecrets(delivery: TestDelivery): Promise<void> {
  await mkdir(delivery.secretsFolder, { recursive: true });
  const secrets = {
    'pagerduty-routing-key': TEST_ROUTING_KEY,
    'slack-webhook-url': `${delivery.webhookUrl}/slack`,
    'smtp-password': 'test-smtp-password',
  };
  for (const [name, value] of Object.entries(secrets)) {
    await writeFile(join(delivery.secretsFolder, name), value);
  }
}

/** Points every `/etc/alertmanager/secrets/NAME` at `folder/NAME`. */
function replaceSecretPaths(node: unknown, folder: string): void {
  if (Array.isArray(node)) {
    node.forEach((item) => replaceSecretPaths(item, folder));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string' && value.startsWith(SECRETS_FOLDER)) {
      record[key] = join(folder, basename(value));
    } else {
      replaceSecretPaths(value, folder);
    }
  }
}

/** Sets the timing on the root route and wherever a child route sets it. */
function shortenTiming(route: any, timing: TestDelivery['timing']): void {
  const keys = {
    group_wait: timing.groupWait,
    group_interval: timing.groupInterval,
    repeat_interval: timing.repeatInterval,
  };
  for (const [key, value] of Object.entries(keys)) {
    if (route[key] !== undefined || route.routes !== undefined)
      route[key] = value;
  }
  for (const child of route.routes ?? []) shortenTiming(child, timing);
}

/** Throws for a URL or SMTP server anywhere in the config off loopback. */
function assertLoopbackOnly(node: unknown, path = ''): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) =>
      assertLoopbackOnly(item, `${path}[${index}]`),
    );
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (typeof value === 'string' && isRemoteAddress(key, value)) {
      throw new Error(
        `The test Alertmanager config would reach ${value} at ${at}`,
      );
    }
    if (key === 'pagerduty_configs' || key === 'webhook_configs') {
      for (const receiver of value as { url?: string }[]) {
        if (receiver.url === undefined) {
          throw new Error(
            `${at} has no url, so it would use the public default`,
          );
        }
      }
    }
    assertLoopbackOnly(value, at);
  }
}

function isRemoteAddress(key: string, value: string): boolean {
  if (value.includes('://')) return new URL(value).hostname !== '127.0.0.1';
  if (key.endsWith('smarthost')) return !value.startsWith('127.0.0.1:');
  return false;
}
