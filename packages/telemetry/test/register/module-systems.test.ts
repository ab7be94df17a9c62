import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { exportEnv, startServerFixture } from '../support/fixtures.js';

const receiver = useReceiver();

const STARTS = [
  { name: 'ESM with --import', file: 'express-app.mjs', nodeArgs: ['--import', '@seda/telemetry/register'] },
  { name: 'CJS with --require', file: 'express-app.cjs', nodeArgs: ['--require', '@seda/telemetry/register'] },
  { name: 'ESM with startTelemetry()', file: 'programmatic.mjs', nodeArgs: [] },
];

describe.each(STARTS)('$name', ({ file, nodeArgs }) => {
  it('traces express with the route template', async () => {
    const { url } = await startServerFixture(file, { nodeArgs, env: exportEnv(receiver()) });

    const reply = await fetch(`${url}/rooms/42/messages`);
    expect(reply.status).toBe(200);

    const [server] = await receiver().waitForSpans({ kind: 'SERVER' });
    expect(server?.name).toBe('GET /rooms/:id/messages');
    expect(server?.attributes['http.route']).toBe('/rooms/:id/messages');
    const handlers = await receiver().waitForSpans({
      name: /^request handler/,
    });
    expect(handlers[0]?.parentSpanId).toBe(server?.spanId);
  });

  it('records the duration histogram by route', async () => {
    const { url } = await startServerFixture(file, { nodeArgs, env: exportEnv(receiver()) });

    await fetch(`${url}/rooms/7/messages`);
    const points = await receiver().waitForMetric('http.server.request.duration', {
      attributes: { 'http.route': '/rooms/:id/messages' },
    });
    expect(points[0]?.unit).toBe('s');
    expect(points[0]?.count).toBe(1);
  });
});
