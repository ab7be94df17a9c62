import { describe, expect, it } from 'vitest';
import { startOtlpReceiver } from '@seda/test-utils';
import { useReceiver } from '../support/receiver.js';
import { exportEnv, startServerFixture } from '../support/fixtures.js';

const receiver = useReceiver();

const REGISTER = ['--import', '@seda/telemetry/register'];

describe('OTLP protocols', () => {
  it.each([
    { protocol: 'http/protobuf', encoding: 'protobuf' },
    { protocol: 'http/json', encoding: 'json' },
  ])('exports every signal as $protocol', async ({ protocol, encoding }) => {
    const { url } = await startServerFixture('express-app.mjs', {
      nodeArgs: REGISTER,
      env: exportEnv(receiver(), { OTEL_EXPORTER_OTLP_PROTOCOL: protocol }),
    });

    await fetch(`${url}/rooms/1/messages`);

    await receiver().waitForSpans({ kind: 'SERVER' });
    await receiver().waitForMetric('http.server.request.duration');
    const encodings = new Set(receiver().requests().map((request) => request.encoding));
    expect([...encodings]).toEqual([encoding]);
  });

  it('compresses with gzip when asked', async () => {
    const { url } = await startServerFixture('express-app.mjs', {
      nodeArgs: REGISTER,
      env: exportEnv(receiver(), { OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' }),
    });

    await fetch(`${url}/rooms/1/messages`);

    await receiver().waitForSpans({ kind: 'SERVER' });
    const compressed = receiver().requests().filter((request) => request.contentEncoding === 'gzip');
    expect(compressed.length).toBeGreaterThan(0);
  });

  it('writes spans to stdout with the console exporter', async () => {
    const { fixture, url } = await startServerFixture('express-app.mjs', {
      nodeArgs: REGISTER,
      env: exportEnv(receiver(), { OTEL_TRACES_EXPORTER: 'console' }),
    });

    await fetch(`${url}/rooms/1/messages`);

    await fixture.waitForOutput(/name: 'GET \/rooms\/:id\/messages'/);
    await receiver().waitForMetric('http.server.request.duration');
    expect(receiver().spans()).toEqual([]);
  });

  it('sends per-signal endpoints where configured', async () => {
    const other = await startOtlpReceiver();
    try {
      const { url } = await startServerFixture('express-app.mjs', {
        nodeArgs: REGISTER,
        env: exportEnv(receiver(), { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: other.endpoint('traces') }),
      });

      await fetch(`${url}/rooms/1/messages`);

      await other.waitForSpans({ kind: 'SERVER' });
      await receiver().waitForMetric('http.server.request.duration');
      expect(receiver().spans()).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('switched-off instrumentation', () => {
  it('records no spans of its library', async () => {
    const { url } = await startServerFixture('switched-off.mjs', { env: exportEnv(receiver()) });

    await fetch(`${url}/rooms/1/messages`);

    const [server] = await receiver().waitForSpans({ kind: 'SERVER' });
    expect(server?.name).toBe('GET');
    expect(receiver().spans().map((span) => span.name)).not.toContain('request handler');
  });
});
