import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { renderRuleFile } from '../src/render/rule-file.js';
import { buildRuleGroups } from '../src/rules/rule-groups.js';
import { loadThresholds } from '../src/thresholds/load.js';
import { testAlertmanagerConfig } from './support/alertmanager-config.js';
import {
  type AlertmanagerServer,
  startAlertmanager,
} from './support/alertmanager-server.js';
import { type ExampleApi, startExampleApi } from './support/example-api.js';
import {
  type FaultTraffic,
  startFaultTraffic,
} from './support/fault-traffic.js';
import {
  type PrometheusServer,
  startPrometheus,
} from './support/prometheus-server.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { findTools, shouldRun, toolPath } from './support/tools.js';
import { waitUntil } from './support/wait-until.js';
import {
  type ReceivedNotification,
  startWebhookReceiver,
  type WebhookReceiver,
} from './support/webhook-receiver.js';

const tools = findTools(['prometheus', 'alertmanager']);

/**
 * The shipped rules with the error-rate alert sped up through the same
 * thresholds mechanism a team would use: a 30s window and 5s of `for`, so
 * that the test takes a minute instead of a quarter of an hour.
 */
const TEST_THRESHOLDS = loadThresholds([
  { alerts: { SedaHighErrorRate: { window: '30s', for: '5s' } } },
]);

const DELIVERY_TIMEOUT_MILLIS = 120_000;

function prometheusConfig(
  ruleFile: string,
  alertmanagerUrl: string,
  metricsUrl: string,
): string {
  const metrics = new URL(metricsUrl);
  return stringify({
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [ruleFile],
    alerting: {
      alertmanagers: [
        { static_configs: [{ targets: [new URL(alertmanagerUrl).host] }] },
      ],
    },
    scrape_configs: [
      {
        job_name: 'seda-api',
        metrics_path: metrics.pathname,
        static_configs: [{ targets: [metrics.host] }],
      },
    ],
  });
}

/** Returns the Slack notifications about the error-rate alert. */
function errorRateNotifications(
  webhooks: WebhookReceiver,
  status: 'firing' | 'resolved',
): ReceivedNotification[] {
  return webhooks.received().filter((request) => {
    const title: string = request.body?.attachments?.[0]?.title ?? '';
    return (
      request.path === '/slack' &&
      title.startsWith(`[${status.toUpperCase()}`) &&
      title.includes('SedaHighErrorRate')
    );
  });
}

describe.runIf(shouldRun('end-to-end alerting', tools))(
  'error-rate alert end to end',
  () => {
    let folder: string;
    let webhooks: WebhookReceiver;
    let smtp: SmtpSink;
    let alertmanager: AlertmanagerServer;
    let api: ExampleApi;
    let prometheus: PrometheusServer;
    let traffic: FaultTraffic | undefined;

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'seda-end-to-end-'));
      webhooks = await startWebhookReceiver();
      smtp = await startSmtpSink();
      const amConfig = await testAlertmanagerConfig({
        webhookUrl: webhooks.url,
        smtpAddress: smtp.address,
        secretsFolder: join(folder, 'secrets'),
        timing: { groupWait: '1s', groupInterval: '1s', repeatInterval: '1h' },
      });
      alertmanager = await startAlertmanager(
        toolPath(tools, 'alertmanager'),
        join(folder, 'alertmanager'),
        amConfig,
      );
      api = await startExampleApi(join(folder, 'api'));

      const ruleFile = join(folder, 'seda-alerts.test.rules.yml');
      const groups = buildRuleGroups(TEST_THRESHOLDS, 'javascript');
      await writeFile(ruleFile, renderRuleFile(groups, 'javascript'));
      prometheus = await startPrometheus(
        toolPath(tools, 'prometheus'),
        join(folder, 'prometheus'),
        prometheusConfig(ruleFile, alertmanager.url, api.metricsUrl),
      );
    });

    afterAll(async () => {
      await traffic?.stop();
      await prometheus?.stop();
      await api?.stop();
      await alertmanager?.stop();
      await webhooks?.close();
      await smtp?.close();
      if (folder !== undefined)
        await rm(folder, { recursive: true, force: true });
    });

    test('Prometheus scrapes the example API', async () => {
      const up = await waitUntil(
        'a successful scrape of the example API',
        async () => {
          const [sample] = await prometheus.query('up{job="seda-api"}');
          return sample?.value[1] === '1' ? sample : undefined;
        },
        { timeoutMillis: 30_000 },
      );

      expect(up.metric.instance).toBe(new URL(api.metricsUrl).host);
    });

    test('20% of 5xx fires the alert, chat and email get it', async () => {
      traffic = startFaultTraffic(api.url, 0.2);

      const [firing] = await waitUntil(
        'the firing error-rate notification in chat',
        () => {
          const found = errorRateNotifications(webhooks, 'firing');
          return found.length > 0 ? found : undefined;
        },
        { timeoutMillis: DELIVERY_TIMEOUT_MILLIS },
      );
      const alerts = await prometheus.alerts();
      const mail = await waitUntil(
        'the firing error-rate email',
        () =>
          smtp
            .received()
            .find((message) => message.data.includes('SedaHighErrorRate')),
        { timeoutMillis: 30_000 },
      );

      const text: string = firing?.body.attachments[0].text;
      const share = Number(
        /^seda-api: ([\d.]+)% of HTTP requests answered 5xx$/m.exec(text)?.[1],
      );
      expect(share).toBeGreaterThan(15);
      expect(share).toBeLessThan(25);
      expect(text).toContain('Runbook: docs/alerting.md#sedahigherrorrate');
      expect(firing?.body.attachments[0].title).toBe(
        '[FIRING:1] SedaHighErrorRate (high) seda-api',
      );
      expect(alerts).toContainEqual(
        expect.objectContaining({
          state: 'firing',
          labels: {
            alertname: 'SedaHighErrorRate',
            job: 'seda-api',
            severity: 'high',
          },
        }),
      );
      expect(mail.to).toEqual(['seda-oncall@example.com']);
      expect(
        webhooks.received().filter((request) => request.path === '/pagerduty'),
      ).toEqual([]);
      expect(traffic.statuses()[500]).toBeGreaterThan(0);
    });

    test('stopping the errors resolves it', async () => {
      traffic?.setFailureRate(0);

      const [resolved] = await waitUntil(
        'the resolved error-rate notification in chat',
        () => {
          const found = errorRateNotifications(webhooks, 'resolved');
          return found.length > 0 ? found : undefined;
        },
        { timeoutMillis: DELIVERY_TIMEOUT_MILLIS },
      );
      const firingAlerts = (await prometheus.alerts()).filter(
        (alert) => alert.labels.alertname === 'SedaHighErrorRate',
      );

      expect(resolved?.body.attachments[0].title).toBe(
        '[RESOLVED] SedaHighErrorRate (high) seda-api',
      );
      expect(firingAlerts).toEqual([]);
    });
  },
);
