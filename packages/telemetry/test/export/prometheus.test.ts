import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { exportEnv, startServerFixture } from '../support/fixtures.js';

const receiver = useReceiver();

const REGISTER = ['--import', '@seda/telemetry/register'];

function prometheusEnv(port: string) {
  return exportEnv(receiver(), {
    OTEL_METRICS_EXPORTER: 'otlp,prometheus',
    OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    OTEL_EXPORTER_PROMETHEUS_PORT: port,
  });
}

function scrapeUrl(stderr: string): string {
  const match = /Prometheus metrics served at (\S+)/.exec(stderr);
  if (!match?.[1]) throw new Error(`no Prometheus URL in:\n${stderr}`);
  return match[1];
}

describe('Prometheus endpoint', () => {
  it('serves the HTTP histogram and target_info', async () => {
    const { fixture, url } = await startServerFixture('express-app.mjs', {
      nodeArgs: REGISTER,
      env: prometheusEnv('0'),
    });
    await fetch(`${url}/rooms/5/messages`);

    await expect.poll(() => fixture.stderr()).toContain('Prometheus metrics served at');
    const metricsUrl = scrapeUrl(fixture.stderr());
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const text = await (await fetch(metricsUrl)).text();

    expect(text).toMatch(
      /http_server_request_duration_count\{[^}]*http_route="\/rooms\/:id\/messages"[^}]*\} 1/,
    );
    expect(text).toMatch(/^target_info\{[^}]*service_name="@seda\/telemetry"/m);
    expect(text).not.toContain('process_command_args');
  });

  it('keeps scrapes out of traces and the HTTP histogram', async () => {
    const { fixture, url } = await startServerFixture('express-app.mjs', {
      nodeArgs: REGISTER,
      env: prometheusEnv('0'),
    });
    await expect.poll(() => fixture.stderr()).toContain('Prometheus metrics served at');
    const metricsUrl = scrapeUrl(fixture.stderr());

    for (let index = 0; index < 5; index += 1) await (await fetch(metricsUrl)).text();
    await fetch(`${url}/rooms/5/messages`);

    await receiver().waitForSpans({ kind: 'SERVER' });
    const text = await (await fetch(metricsUrl)).text();
    const servers = receiver().spans().filter((span) => span.kind === 'SERVER');
    expect(servers.map((span) => span.attributes['url.path'])).toEqual(['/rooms/5/messages']);
    expect(text).not.toMatch(/http_server_request_duration_count\{[^}]*http_route="unmatched"/);
  });

  it('answers HEAD and rejects other methods', async () => {
    const { fixture } = await startServerFixture('express-app.mjs', {
      nodeArgs: REGISTER,
      env: prometheusEnv('0'),
    });
    await expect.poll(() => fixture.stderr()).toContain('Prometheus metrics served at');
    const metricsUrl = scrapeUrl(fixture.stderr());

    const head = await fetch(metricsUrl, { method: 'HEAD' });
    const post = await fetch(metricsUrl, { method: 'POST' });

    expect(head.status).toBe(200);
    expect(post.status).toBe(405);
  });

  it('waits for the detectors before the first scrape', async () => {
    const { fixture } = await startServerFixture('express-app.mjs', {
      nodeArgs: REGISTER,
      env: {
        ...prometheusEnv('0'),
        OTEL_METRICS_EXPORTER: 'prometheus',
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_LOGS_EXPORTER: 'none',
        OTEL_NODE_RESOURCE_DETECTORS: 'host,serviceinstance',
      },
    });
    await expect.poll(() => fixture.stderr()).toContain('Prometheus metrics served at');

    const text = await (await fetch(scrapeUrl(fixture.stderr()))).text();

    expect(text).toMatch(/^target_info\{[^}]*host_id="[^"]+"/m);
    expect(fixture.stderr()).not.toContain('before async attributes settled');
  });

  it('names the host variable for an unusable address', async () => {
    const { fixture, url } = await startServerFixture('express-app.mjs', {
      nodeArgs: REGISTER,
      // A documentation address (RFC 5737) that no local interface has.
      env: { ...prometheusEnv('0'), OTEL_EXPORTER_PROMETHEUS_HOST: '192.0.2.1' },
    });

    await expect.poll(() => fixture.stderr()).toContain(
      '(EADDRNOTAVAIL); set OTEL_EXPORTER_PROMETHEUS_HOST to an address of this host',
    );
    expect((await fetch(`${url}/rooms/1/messages`)).status).toBe(200);
  });

  it('logs a busy port and keeps the application running', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    try {
      const { fixture, url } = await startServerFixture('express-app.mjs', {
        nodeArgs: REGISTER,
        env: prometheusEnv(String(port)),
      });

      await expect.poll(() => fixture.stderr()).toContain(
        `Prometheus endpoint could not listen on 127.0.0.1:${port} (EADDRINUSE)`,
      );
      const reply = await fetch(`${url}/rooms/1/messages`);
      expect(reply.status).toBe(200);
      await receiver().waitForMetric('http.server.request.duration');
    } finally {
      blocker.close();
    }
  });
});
