import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeClients,
  connectWs,
  exchange,
  MODULE_SYSTEMS,
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

const CHAT = { 'websocket.library': 'ws', 'websocket.path': '/chat' };

async function startWs(extension = 'mjs', nodeArgs?: readonly string[]) {
  const { fixture, url } = await startApp(receiver, `ws-app.${extension}`, {
    nodeArgs,
  });
  return { fixture, chat: `${url.replace('http', 'ws')}/chat` };
}

describe.each(MODULE_SYSTEMS)('ws in $system', ({ extension, nodeArgs }) => {
  it('continues the trace from upgrade headers', async () => {
    const { chat } = await startWs(extension, nodeArgs);
    const parent = remoteParent();

    const socket = await connectWs(chat, {
      headers: { traceparent: parent.traceparent },
    });
    await exchange(socket, 'ping');
    await exchange(socket, 'ping');

    const connect = await oneSpan(receiver, { name: 'connect /chat' });
    expect(connect.kind).toBe('SERVER');
    expect(connect.traceId).toBe(parent.traceId);
    expect(connect.parentSpanId).toBe(parent.spanId);
    expect(connect.attributes).toEqual({ ...CHAT, 'url.path': '/chat' });
    const messages = await receiver.waitForSpans(
      { name: 'receive message' },
      { count: 2 },
    );
    for (const message of messages) {
      expect(message.kind).toBe('CONSUMER');
      expect(message.traceId).toBe(parent.traceId);
      expect(message.parentSpanId).toBe(parent.spanId);
    }
  });

  it('continues the trace from the query', async () => {
    const { chat } = await startWs(extension, nodeArgs);
    const parent = remoteParent();

    const socket = await connectWs(`${chat}?traceparent=${parent.traceparent}`);
    await exchange(socket, 'ping');

    const connect = await oneSpan(receiver, { name: 'connect /chat' });
    expect(connect.parentSpanId).toBe(parent.spanId);
    expect(connect.attributes['url.path']).toBe('/chat');
    const message = await oneSpan(receiver, { name: 'receive message' });
    expect(message.traceId).toBe(parent.traceId);
    expect(message.parentSpanId).toBe(parent.spanId);
  });

  it('links new message traces to the connection', async () => {
    const { chat } = await startWs(extension, nodeArgs);

    const socket = await connectWs(chat);
    await exchange(socket, 'ping');

    const connect = await oneSpan(receiver, { name: 'connect /chat' });
    const message = await oneSpan(receiver, { name: 'receive message' });
    expect(message.traceId).not.toBe(connect.traceId);
    expect(message.parentSpanId).toBeUndefined();
    expect(message.links.map((link) => link.spanId)).toEqual([connect.spanId]);
    expect(message.attributes).toEqual({
      ...CHAT,
      'websocket.event': 'message',
      'websocket.message.size': 4,
    });
  });

  it('makes handler work a child of the message', async () => {
    const { chat } = await startWs(extension, nodeArgs);

    const socket = await connectWs(chat);
    const reply = await exchange(socket, 'lookup');

    expect(JSON.parse(reply)).toEqual({ room: 'lobby' });
    const message = await oneSpan(receiver, { name: 'receive message' });
    const lookup = await oneSpan(receiver, { kind: 'CLIENT' });
    expect(lookup.parentSpanId).toBe(message.spanId);
    expect(message.endTimeUnixNano).toBeGreaterThanOrEqual(
      lookup.endTimeUnixNano,
    );
  });
});

describe('ws handlers', () => {
  it('records a rejected handler and keeps serving', async () => {
    const { fixture, chat } = await startWs();

    const socket = await connectWs(chat);
    socket.send('fail');
    const reply = await exchange(socket, 'ping');

    expect(reply).toBe('pong');
    const messages = await receiver.waitForSpans(
      { name: 'receive message' },
      { count: 2 },
    );
    const failed = messages.filter((span) => span.status.code === 'ERROR');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.attributes['error.type']).toBe('RangeError');
    expect(failed[0]?.events[0]?.attributes['exception.message']).toBe(
      'handler rejected',
    );
    await fixture.waitForOutput(/unhandled rejection: handler rejected/, {
      stream: 'stderr',
    });
  });

  it('measures a 1 MB message', async () => {
    const { chat } = await startWs();

    const socket = await connectWs(chat);
    const reply = await exchange(socket, 'x'.repeat(1_000_000));

    expect(reply).toBe('received 1000000 characters');
    const [point] = await receiver.waitForMetric(
      'websocket.server.message.size',
      {
        attributes: { 'websocket.direction': 'receive' },
      },
    );
    expect(point?.count).toBe(1);
    expect(point?.sum).toBe(1_000_000);
    const bucket = point?.bucketCounts?.findIndex((count) => count > 0) ?? -1;
    expect(point?.explicitBounds?.[bucket - 1]).toBe(262_144);
    expect(point?.explicitBounds?.[bucket]).toBe(1_048_576);
  });

  it('counts sent messages with their size', async () => {
    const { chat } = await startWs();

    const socket = await connectWs(chat);
    await exchange(socket, 'ping');

    const [sent] = await receiver.waitForMetric(
      'websocket.server.message.sent',
    );
    expect(sent?.attributes).toEqual({ ...CHAT, 'websocket.event': 'message' });
    expect(sent?.value).toBe(1);
    const [size] = await receiver.waitForMetric(
      'websocket.server.message.size',
      {
        attributes: { 'websocket.direction': 'send' },
      },
    );
    expect(size?.sum).toBe(4);
  });
});
