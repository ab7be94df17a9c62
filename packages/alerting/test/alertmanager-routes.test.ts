import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  SHIPPED_ALERTMANAGER_CONFIG,
  TEST_ROUTING_KEY,
  testAlertmanagerConfig,
} from './support/alertmanager-config.js';
import {
  type AlertmanagerServer,
  startAlertmanager,
} from './support/alertmanager-server.js';
import { describeRun, runTool } from './support/run-tool.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { findTools, shouldRun, toolPath } from './support/tools.js';
import { waitUntil } from './support/wait-until.js';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from './support/webhook-receiver.js';

const tools = findTools(['amtool', 'alertmanager']);

/** The receivers each severity reaches, in routing-tree order. */
const ROUTES = [
  ['critical', 'pager'],
  ['high', 'chat,email'],
  ['medium', 'chat,email'],
  ['low', 'chat'],
  ['', 'chat'],
] as const;

describe.runIf(shouldRun('Alertmanager', tools))('Alertmanager routes', () => {
  let amtool: string;
  let folder: string;
  let testConfig: string;
  let webhooks: WebhookReceiver;
  let smtp: SmtpSink;
  let alertmanager: AlertmanagerServer;

  beforeAll(async () => {
    amtool = toolPath(tools, 'amtool');
    folder = await mkdtemp(join(tmpdir(), 'seda-alertmanager-'));
    webhooks = await startWebhookReceiver();
    smtp = await startSmtpSink();
    const config = await testAlertmanagerConfig({
      webhookUrl: webhooks.url,
      smtpAddress: smtp.address,
      secretsFolder: join(folder, 'secrets'),
      timing: { groupWait: '1s', groupInterval: '1s', repeatInterval: '1h' },
    });
    testConfig = join(folder, 'test-alertmanager.yml');
    await writeFile(testConfig, config);
    alertmanager = await startAlertmanager(
      toolPath(tools, 'alertmanager'),
      join(folder, 'server'),
      config,
    );
  });

  afterAll(async () => {
    await alertmanager?.stop();
    await webhooks?.close();
    await smtp?.close();
    if (folder !== undefined)
      await rm(folder, { recursive: true, force: true });
  });

  test('shipped config passes amtool check-config', async () => {
    const run = await runTool(amtool, [
      'check-config',
      SHIPPED_ALERTMANAGER_CONFIG,
    ]);

    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('2 inhibit rules');
    expect(run.stdout).toContain('3 receivers');
  });

  test.each(ROUTES)('severity "%s" reaches %s', async (severity, receivers) => {
    const labels =
      severity === '' ? ['alertname=SedaX'] : [`severity=${severity}`];

    const run = await runTool(amtool, [
      'config',
      'routes',
      'test',
      `--config.file=${SHIPPED_ALERTMANAGER_CONFIG}`,
      `--verify.receivers=${receivers}`,
      ...labels,
    ]);

    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout.trim()).toBe(receivers);
  });

  test('test config routes as the shipped one', async () => {
    for (const [severity, receivers] of ROUTES) {
      const run = await runTool(amtool, [
        'config',
        'routes',
        'test',
        `--config.file=${testConfig}`,
        severity === '' ? 'alertname=SedaX' : `severity=${severity}`,
      ]);

      expect(run.stdout.trim(), `severity "${severity}"`).toBe(receivers);
    }
  });

  test('live Alertmanager delivers each severity to its receivers', async () => {
    const alerts = ['critical', 'high', 'medium', 'low'].map((severity) => ({
      labels: { alertname: `SedaRoute_${severity}`, severity, job: 'routes' },
      annotations: {
        summary: `routes: ${severity} summary`,
        description: `routes: ${severity} description`,
        runbook_url: 'docs/alerting.md#routes',
      },
    }));

    await alertmanager.postAlerts(alerts);
    const delivered = await waitUntil(
      'a notification of every severity on each of its receivers',
      () => {
        const found = deliveries(webhooks, smtp, 'SedaRoute_');
        return found.size === 6 ? found : undefined;
      },
      { timeoutMillis: 30_000 },
    );

    expect([...delivered].sort()).toEqual([
      'email:SedaRoute_high',
      'email:SedaRoute_medium',
      'pager:SedaRoute_critical',
      'slack:SedaRoute_high',
      'slack:SedaRoute_low',
      'slack:SedaRoute_medium',
    ]);
    const pager = webhooks
      .received()
      .find((request) => request.path === '/pagerduty');
    expect(pager?.body.routing_key).toBe(TEST_ROUTING_KEY);
    expect(pager?.body.event_action).toBe('trigger');
    const slack = webhooks
      .received()
      .find((request) => request.path === '/slack');
    expect(slack?.body.attachments[0].text).toContain(
      'Runbook: docs/alerting.md#routes',
    );
  });

  test('database down inhibits the error rate of its job', async () => {
    await alertmanager.postAlerts([
      {
        labels: {
          alertname: 'SedaDatabaseDown',
          severity: 'critical',
          job: 'inhibited',
        },
      },
      {
        labels: {
          alertname: 'SedaHighErrorRate',
          severity: 'high',
          job: 'inhibited',
        },
      },
      {
        labels: {
          alertname: 'SedaHighErrorRate',
          severity: 'high',
          job: 'other',
        },
      },
    ]);

    const errorRate = await waitUntil(
      'both error-rate alerts to be processed',
      async () => {
        const listed = (await alertmanager.alerts()).filter(
          (alert) => alert.labels.alertname === 'SedaHighErrorRate',
        );
        const processed = listed.filter(
          (alert) => alert.status.state !== 'unprocessed',
        );
        return processed.length === 2 ? processed : undefined;
      },
      { timeoutMillis: 15_000 },
    );
    await waitUntil(
      'the other job to reach chat',
      () => (slackAlertNames(webhooks, 'other').length > 0 ? true : undefined),
      { timeoutMillis: 15_000 },
    );

    const byJob = Object.fromEntries(
      errorRate.map((alert) => [alert.labels.job, alert]),
    );
    expect(byJob.inhibited?.status.state).toBe('suppressed');
    expect(byJob.inhibited?.status.inhibitedBy).toHaveLength(1);
    expect(byJob.other?.status.state).toBe('active');
    expect(slackAlertNames(webhooks, 'inhibited')).toEqual([]);
  });
});

/** Returns `<receiver>:<alertname>` for each delivery of matching alerts. */
function deliveries(
  webhooks: WebhookReceiver,
  smtp: SmtpSink,
  prefix: string,
): Set<string> {
  const found = new Set<string>();
  for (const request of webhooks.received()) {
    const text = JSON.stringify(request.body);
    for (const name of text.match(new RegExp(`${prefix}\\w+`, 'g')) ?? []) {
      found.add(`${request.path === '/pagerduty' ? 'pager' : 'slack'}:${name}`);
    }
  }
  for (const mail of smtp.received()) {
    for (const name of mail.data.match(new RegExp(`${prefix}\\w+`, 'g')) ??
      []) {
      found.add(`email:${name}`);
    }
  }
  return found;
}

/** Returns the alert names of the Slack notifications about a job. */
function slackAlertNames(webhooks: WebhookReceiver, job: string): string[] {
  return webhooks
    .received()
    .filter((request) => request.path === '/slack')
    .map((request) => request.body.attachments?.[0]?.title as string)
    .filter((title) => title.endsWith(` ${job}`));
}
