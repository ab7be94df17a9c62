import {
  latestPoints,
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
  sumBy,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeClients,
  connectSocketIo,
  connectWs,
  exchange,
  latestPoint,
  oneSpan,
  startApp,
} from './support.js';

let receiver: OtlpReceiver;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
});

afterEach(async () => {
  closeClients();
  await stopAllFixtures();
  receiver.reset();
});

afterAll(async () => {
  await receiver.close();
});

const DURATION = 'http.server.request.duration';

function startConfigured(
  app: 'socketio' | 'ws',
  instrumentations: object = {},
) {
  return startApp(receiver, 'configured-app.mjs', {
    nodeArgs: [],
    env: {
      FIXTURE_APP: app,
      TELEMETRY_INSTRUMENTATIONS: JSON.stringify(instrumentations),
    },
  });
}

/** Talks to the socket.io app over long-polling, then requests `/lookup` once. */
async function pollThenLookup(url: string): Promise<void> {
  const socket = await connectSocketIo(`${url}/chat`, {
    transports: ['polling'],
  });
  await socket.timeout(5_000).emitWithAck('ping');
  socket.disconnect();
  await fetch(`${url}/lookup`).then((reply) => reply.arrayBuffer());
  await oneSpan(receiver, {
    kind: 'SERVER',
    attributes: { 'url.path': '/lookup' },
  });
  await receiver.waitForMetric(DURATION);
}

function engineServerSpans() {
  return receiver
    .spans()
    .filter(
      (span) =>
        span.kind === 'SERVER' &&
        String(span.attributes['url.path']).startsWith('/socket.io/'),
    );
}

describe('socket.io HTTP requests', () => {
  it('stay out of HTTP spans and durations', async () => {
    const { url } = await startConfigured('socketio');

    await pollThenLookup(url);

    expect(engineServerSpans()).toEqual([]);
    const durations = latestPoints(receiver.metrics()).filter(
      (point) => point.name === DURATION,
    );
    expect(sumBy(durations, 'http.request.method', 'count')).toEqual({
      GET: 1,
    });
    await oneSpan(receiver, { name: 'receive ping' });
  });

  it('are traced with ignoreEngineRequests false', async () => {
    const { url } = await startConfigured('socketio', {
      socketio: { ignoreEngineRequests: false },
    });

    await pollThenLookup(url);

    await receiver.waitFor(() => engineServerSpans().length >= 2);
    expect(engineServerSpans()[0]?.attributes['http.request.method']).toMatch(
      /^(GET|POST)$/,
    );
  });
});

describe('WebSocket switches', () => {
  it('turn socket.io off', async () => {
    const { url } = await startConfigured('socketio', { socketio: false });

    const socket = await connectSocketIo(`${url}/chat`);
    await socket.timeout(5_000).emitWithAck('ping');
    await fetch(`${url}/lookup`).then((reply) => reply.arrayBuffer());
    await oneSpan(receiver, {
      kind: 'SERVER',
      attributes: { 'url.path': '/lookup' },
    });
    await receiver.waitForMetric(DURATION);

    const scopes = receiver.spans().map((span) => span.scope.name);
    expect(scopes).not.toContain('@seda/telemetry/instrumentation-socket.io');
    expect(
      receiver.metrics().filter((point) => point.name.startsWith('websocket.')),
    ).toEqual([]);
  });

  it('turn ws off', async () => {
    const { url } = await startConfigured('ws', { ws: false });

    const socket = await connectWs(`${url.replace('http', 'ws')}/chat`);
    await exchange(socket, 'lookup');
    await oneSpan(receiver, {
      kind: 'SERVER',
      attributes: { 'url.path': '/lookup' },
    });
    await receiver.waitForMetric(DURATION);

    const scopes = receiver.spans().map((span) => span.scope.name);
    expect(scopes).not.toContain('@seda/telemetry/instrumentation-ws');
    expect(
      receiver.metrics().filter((point) => point.name.startsWith('websocket.')),
    ).toEqual([]);
  });

  it('rename unknown events', async () => {
    const { url } = await startConfigured('socketio', {
      socketio: { unknownEventName: 'unknown' },
    });

    const socket = await connectSocketIo(`${url}/chat`);
    socket.emit('invented', 1);
    await socket.timeout(5_000).emitWithAck('ping');

    await receiver.waitFor(({ metrics }) =>
      latestPoint(metrics, 'websocket.server.message.received', {
        'websocket.library': 'socket.io',
        'websocket.namespace': '/chat',
        'websocket.event': 'unknown',
      }),
    );
  });
});
