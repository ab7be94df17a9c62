import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { runFixture } from '@seda/test-utils';
import {
  exportEnv,
  FIXTURES,
  startServerFixture,
} from '../support/fixtures.js';

const receiver = useReceiver();

const STARTS = [
  { name: 'ESM with --import', file: 'express-app.mjs', nodeArgs: ['--import', '@seda/telemetry/register'] },
  { name: 'CJS with --require', file: 'express-app.cjs', nodeArgs: ['--require', '@seda/telemetry/register'] },
  {
    name: 'ESM without require(esm)',
    file: 'express-app.mjs',
    nodeArgs: ['--no-experimental-require-module', '--import', '@seda/telemetry/register'],
  },
  {
    name: 'CJS requiring express by the path of its file',
    file: 'express-by-path.cjs',
    nodeArgs: ['--require', '@seda/telemetry/register'],
  },
  {
    name: 'ESM beside a Nest application context',
    file: 'express-beside-nest.mjs',
    nodeArgs: ['--import', '@seda/telemetry/register'],
  },
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

describe('express app mounted under a path', () => {
  it('keeps the mount path in http.route', async () => {
    const { url } = await startServerFixture('express-app.mjs', {
      nodeArgs: ['--import', '@seda/telemetry/register'],
      env: exportEnv(receiver()),
    });

    const reply = await fetch(`${url}/legacy/orders/9`);
    expect(reply.status).toBe(200);

    const [server] = await receiver().waitForSpans({ kind: 'SERVER' });
    expect(server?.attributes['http.route']).toBe('/legacy/orders/:orderId');
    expect(server?.name).toBe('GET /legacy/orders/:orderId');
  });
});

// `node -e` requires from no parent URL, where import-in-the-middle once
// resolved built-ins as CommonJS files, and the process ended with ENOENT.
describe('code given with -e under --require', () => {
  it('runs, and exports the span of its request', async () => {
    const code = `
      require('module');
      const http = require('http');
      const server = http.createServer((req, res) => res.end('ok'));
      server.listen(0, '127.0.0.1', async () => {
        const reply = await fetch('http://127.0.0.1:' + server.address().port + '/ping');
        console.log('reply ' + (await reply.text()));
        server.close();
      });`;
    const fixture = await runFixture({
      // An argument after the code becomes `process.argv[1]`.
      args: ['--require', '@seda/telemetry/register', '-e', code, 'extra'],
      env: exportEnv(receiver()),
      cwd: FIXTURES,
    });

    const exit = await fixture.exited;
    expect(fixture.stderr()).not.toContain('ENOENT');
    expect(exit.code).toBe(0);
    expect(fixture.stdout()).toContain('reply ok');
    const [server] = await receiver().waitForSpans({ kind: 'SERVER' });
    expect(server?.attributes['url.path']).toBe('/ping');
  });
});

describe('OTEL_NODE_DISABLED_INSTRUMENTATIONS under --require', () => {
  it('leaves the disabled instrumentation unloaded', async () => {
    const { fixture, url } = await startServerFixture('express-app.cjs', {
      nodeArgs: ['--require', '@seda/telemetry/register'],
      env: exportEnv(receiver(), {
        OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'express',
        OTEL_LOG_LEVEL: 'info',
      }),
    });

    await fetch(`${url}/rooms/42/messages`);
    const [server] = await receiver().waitForSpans({ kind: 'SERVER' });
    expect(server?.attributes['url.path']).toBe('/rooms/42/messages');
    // The request handler ends before the server span, so it would be here.
    expect(receiver().spans().map((span) => span.name)).toEqual([server?.name]);
    const [, loaded] = /instrumentations \[([^\]]*)\]/.exec(fixture.stderr()) ?? [];
    expect(loaded?.split(', ')).toContain('http');
    expect(loaded?.split(', ')).not.toContain('express');
  });
});
