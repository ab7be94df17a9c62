import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { exportEnv, startServerFixture } from '../support/fixtures.js';

const receiver = useReceiver();

const REGISTER = ['--import', '@seda/telemetry/register'];
const DURATION = 'http.server.request.duration';

async function start() {
  return startServerFixture('express-app.mjs', { nodeArgs: REGISTER, env: exportEnv(receiver()) });
}

/** Newest cumulative point per attribute set of the server duration histogram. */
function latestDurationSeries() {
  const series = new Map<string, { route: unknown; count: number }>();
  for (const point of receiver().metrics()) {
    if (point.name !== DURATION) continue;
    const key = JSON.stringify(Object.entries(point.attributes).sort());
    series.set(key, { route: point.attributes['http.route'], count: point.count ?? 0 });
  }
  return [...series.values()];
}

describe('HTTP server', () => {
  it('gives one server span and one point per request', async () => {
    const { url } = await start();

    await fetch(`${url}/rooms/abc/messages?limit=5`);
    await receiver().waitForMetric(DURATION, { attributes: { 'http.route': '/rooms/:id/messages' } });
    await receiver().waitForSpans({ kind: 'SERVER' });

    const servers = receiver().spans().filter((span) => span.kind === 'SERVER');
    expect(servers).toHaveLength(1);
    expect(servers[0]?.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/rooms/:id/messages',
      'http.response.status_code': 200,
      'url.path': '/rooms/abc/messages',
      'url.query': 'limit=5',
      'url.scheme': 'http',
    });
    const series = latestDurationSeries();
    expect(series).toEqual([{ route: '/rooms/:id/messages', count: 1 }]);
  });

  it('keeps 1,000 distinct room URLs in one series', async () => {
    const { url } = await start();

    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          fetch(`${url}/rooms/${batch * 100 + index}/messages`).then((reply) => reply.arrayBuffer()),
        ),
      );
    }

    await receiver().waitFor(() => latestDurationSeries()[0]?.count === 1000, {
      timeoutMillis: 10_000,
    });
    expect(latestDurationSeries()).toEqual([{ route: '/rooms/:id/messages', count: 1000 }]);
  });

  it('gives random unmatched paths one fixed route', async () => {
    const { url } = await start();

    for (let index = 0; index < 50; index += 1) {
      const reply = await fetch(`${url}/no-such-page/${Math.random().toString(36).slice(2)}`);
      expect(reply.status).toBe(404);
    }

    await receiver().waitFor(() => latestDurationSeries()[0]?.count === 50);
    expect(latestDurationSeries()).toEqual([{ route: 'unmatched', count: 50 }]);
    const servers = await receiver().waitForSpans({ kind: 'SERVER' }, { count: 50 });
    expect(servers.every((span) => span.name === 'GET')).toBe(true);
    expect(servers.every((span) => span.attributes['http.route'] === undefined)).toBe(true);
  });

  it('leaves health checks out of traces and metrics', async () => {
    const { url } = await start();

    await fetch(`${url}/health`);
    await fetch(`${url}/rooms/1/messages`);

    await receiver().waitForSpans({ kind: 'SERVER', attributes: { 'http.route': '/rooms/:id/messages' } });
    await receiver().waitFor(() => latestDurationSeries().length > 0);
    const paths = receiver().spans().map((span) => span.attributes['url.path']);
    expect(paths).not.toContain('/health');
    expect(latestDurationSeries().map((entry) => entry.route)).toEqual(['/rooms/:id/messages']);
  });

  it('records a failing handler as an error', async () => {
    const { url } = await start();

    const reply = await fetch(`${url}/fail`);
    expect(reply.status).toBe(500);

    const [server] = await receiver().waitForSpans({ kind: 'SERVER' });
    expect(server?.status.code).toBe('ERROR');
    expect(server?.attributes['error.type']).toBe('500');
    const points = await receiver().waitForMetric(DURATION, { attributes: { 'http.route': '/fail' } });
    expect(points[0]?.attributes['http.response.status_code']).toBe(500);
  });
});

describe('HTTP client', () => {
  it('traces outgoing requests under the server span', async () => {
    const { url } = await start();
    const target = `${url}/rooms/9/messages`;

    await fetch(`${url}/outgoing?target=${encodeURIComponent(target)}`);

    const [outer] = await receiver().waitForSpans({
      kind: 'SERVER',
      attributes: { 'http.route': '/outgoing' },
    });
    const clients = await receiver().waitForSpans({ kind: 'CLIENT' });
    expect(clients[0]?.traceId).toBe(outer?.traceId);
    const inner = await receiver().waitForSpans({
      kind: 'SERVER',
      attributes: { 'http.route': '/rooms/:id/messages' },
    });
    expect(inner[0]?.parentSpanId).toBe(clients[0]?.spanId);
    const port = Number(new URL(url).port);
    const points = await receiver().waitForMetric('http.client.request.duration');
    expect(points.every((point) => point.attributes['server.port'] === port)).toBe(true);
    expect(points[0]?.unit).toBe('s');
  });

  it('keeps the span for a late body', async () => {
    const { url } = await start();
    const body = JSON.stringify({ target: `${url}/rooms/9/messages` });

    // The body follows the headers in a later packet, so the parser emits
    // `end` from the socket's context rather than the request's.
    await new Promise<void>((resolve, reject) => {
      const outgoing = httpRequest(`${url}/outgoing`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      outgoing.on('response', (reply) => reply.resume().on('end', resolve));
      outgoing.on('error', reject);
      outgoing.flushHeaders();
      void sleep(100).then(() => outgoing.end(body));
    });

    const [outer] = await receiver().waitForSpans({
      kind: 'SERVER',
      attributes: { 'http.request.method': 'POST' },
    });
    const [client] = await receiver().waitForSpans({ kind: 'CLIENT' });
    expect(client?.traceId).toBe(outer?.traceId);
    expect(client?.parentSpanId).not.toBe('');
  });
});
