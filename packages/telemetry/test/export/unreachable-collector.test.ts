import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { closedPort } from '../support/closed-port.js';
import { exportEnv, startServerFixture } from '../support/fixtures.js';

const receiver = useReceiver();

const REGISTER = ['--import', '@seda/telemetry/register'];

/** Exports over OTLP to `endpoint` and serves Prometheus on an ephemeral port. */
function envWithPrometheus(endpoint: string) {
  return exportEnv(receiver(), {
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_METRICS_EXPORTER: 'otlp,prometheus',
    OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    OTEL_EXPORTER_PROMETHEUS_PORT: '0',
  });
}

async function scrape(stderr: () => string): Promise<string> {
  const match = /Prometheus metrics served at (\S+)/.exec(stderr());
  if (!match?.[1]) throw new Error(`no Prometheus URL in:\n${stderr()}`);
  const reply = await fetch(match[1]);
  return reply.text();
}

async function sendRequests(url: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const reply = await fetch(`${url}/rooms/${index}/messages`);
    statuses.push(reply.status);
  }
  return statuses;
}

describe.each([
  { name: 'unreachable', mode: 'accept' as const, closed: true },
  { name: 'refusing with 503', mode: 'refuse' as const, closed: false },
  { name: 'never answering', mode: 'hang' as const, closed: false },
])('collector $name', ({ mode, closed }) => {
  it('serves requests and counts the failed exports', async () => {
    receiver().setMode(mode);
    const endpoint = closed ? `http://127.0.0.1:${await closedPort()}` : receiver().url;
    const { fixture, url } = await startServerFixture('express-app.mjs', {
      nodeArgs: REGISTER,
      env: {
        ...envWithPrometheus(endpoint),
        OTEL_EXPORTER_OTLP_TIMEOUT: '300',
      },
    });

    const statuses = await sendRequests(url, 30);
    expect(statuses.every((status) => status === 200)).toBe(true);

    await expect
      .poll(() => scrape(() => fixture.stderr()), { timeout: 10_000, interval: 200 })
      .toMatch(/otel_sdk_exporter_span_exported_total\{[^}]*error_type="[^"]+"[^}]*\} [1-9]/);
    const stillServing = await sendRequests(url, 1);
    expect(stillServing).toEqual([200]);
  });
});

describe('export failure log', () => {
  it('repeats one failure line at most once a minute', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const { fixture, url } = await startServerFixture('express-app.mjs', {
      nodeArgs: REGISTER,
      env: {
        ...envWithPrometheus(endpoint),
        OTEL_BSP_SCHEDULE_DELAY: '20',
        OTEL_EXPORTER_OTLP_TIMEOUT: '100',
      },
    });

    for (let round = 0; round < 5; round += 1) {
      await sendRequests(url, 2);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }

    await expect.poll(() => fixture.stderr()).toContain('export failed');
    const lines = fixture.stderr().split('\n').filter((line) => line.includes('export failed'));
    const shapes = new Set(lines.map((line) => line.replace(/\d+/g, '#')));
    expect(lines.length).toBe(shapes.size);
  });
});

describe('self metrics', () => {
  it('count batches, not every span', async () => {
    const { fixture, url } = await startServerFixture('express-app.mjs', {
      nodeArgs: REGISTER,
      env: envWithPrometheus(receiver().url),
    });

    await sendRequests(url, 5);

    await expect
      .poll(() => scrape(() => fixture.stderr()), { timeout: 10_000, interval: 200 })
      .toMatch(/otel_sdk_processor_span_processed_total\{[^}]*\} [1-9]/);
    const text = await scrape(() => fixture.stderr());
    expect(text).not.toContain('otel_sdk_span_started');
    expect(text).not.toContain('otel_sdk_span_live');
  });
});
