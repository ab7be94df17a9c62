import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  attributeValues,
  closeClients,
  connectWs,
  exchange,
  latestPoint,
  oneSpan,
  remoteParent,
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

const GATEWAY = { 'websocket.library': 'ws', 'websocket.path': '/ws' };

async function connect(headers: Record<string, string> = {}) {
  const { url } = await startApp(receiver, 'nest-ws-app.mjs');
  return connectWs(`${url.replace('http', 'ws')}/ws`, { headers });
}

function message(event: string, data: unknown = {}): string {
  return JSON.stringify({ event, data });
}

describe('NestJS gateway on ws', () => {
  it('names messages after the subscribed event', async () => {
    const socket = await connect();

    const reply = await exchange(socket, message('chat:message'));

    expect(JSON.parse(reply)).toEqual({
      event: 'chat:reply',
      data: { room: 'lobby' },
    });
    const received = await oneSpan(receiver, { name: 'receive chat:message' });
    const handler = await oneSpan(receiver, { name: 'ChatGateway.onMessage' });
    const lookup = await oneSpan(receiver, { kind: 'CLIENT' });
    expect(received.attributes).toMatchObject({
      ...GATEWAY,
      'websocket.event': 'chat:message',
    });
    expect(handler.parentSpanId).toBe(received.spanId);
    expect(lookup.parentSpanId).toBe(handler.spanId);
    expect(received.endTimeUnixNano).toBeGreaterThanOrEqual(
      lookup.endTimeUnixNano,
    );
  });

  it('gives 500 undeclared events one value', async () => {
    const socket = await connect();

    for (let index = 0; index < 500; index += 1) {
      socket.send(message(`invented:${Math.random().toString(36).slice(2)}`));
    }
    await exchange(socket, message('ping'));

    const name = 'websocket.server.message.received';
    await receiver.waitFor(
      ({ metrics }) =>
        latestPoint(metrics, name, { ...GATEWAY, 'websocket.event': '_OTHER' })
          ?.value === 500,
      { timeoutMillis: 10_000 },
    );
    expect(
      attributeValues(receiver.metrics(), name, 'websocket.event').sort(),
    ).toEqual(['_OTHER', 'ping']);
  });

  it('records a thrown handler error and keeps serving', async () => {
    const socket = await connect();

    const exception = await exchange(socket, message('fail:throw'));
    const reply = await exchange(socket, message('ping'));

    expect(JSON.parse(exception)).toMatchObject({ event: 'exception' });
    expect(JSON.parse(reply)).toBe('pong');
    const received = await oneSpan(receiver, { name: 'receive fail:throw' });
    const handler = await oneSpan(receiver, { name: 'ChatGateway.onThrow' });
    for (const span of [received, handler]) {
      expect(span.status.code).toBe('ERROR');
      expect(span.attributes['error.type']).toBe('WsException');
    }
  });

  it('continues the trace from upgrade headers', async () => {
    const parent = remoteParent();
    const socket = await connect({ traceparent: parent.traceparent });

    await exchange(socket, message('ping'));

    const connectSpan = await oneSpan(receiver, { name: 'connect /ws' });
    const received = await oneSpan(receiver, { name: 'receive ping' });
    expect(connectSpan.parentSpanId).toBe(parent.spanId);
    expect(received.traceId).toBe(parent.traceId);
    expect(received.parentSpanId).toBe(parent.spanId);
  });
});
