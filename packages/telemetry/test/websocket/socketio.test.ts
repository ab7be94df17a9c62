import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  attributeValues,
  closeClients,
  connectSocketIo,
  latestPoint,
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

const CHAT = {
  'websocket.library': 'socket.io',
  'websocket.namespace': '/chat',
};

describe.each(MODULE_SYSTEMS)(
  'socket.io in $system',
  ({ extension, nodeArgs }) => {
    async function start() {
      const { url } = await startApp(receiver, `socketio-app.${extension}`, {
        nodeArgs,
      });
      return `${url}/chat`;
    }

    it('continues the trace from handshake headers', async () => {
      const chat = await start();
      const parent = remoteParent();

      const socket = await connectSocketIo(chat, {
        extraHeaders: { traceparent: parent.traceparent },
      });
      await socket.timeout(5_000).emitWithAck('ping');
      await socket.timeout(5_000).emitWithAck('room:join', 'lobby');

      const connect = await oneSpan(receiver, { name: 'connect /chat' });
      expect(connect.kind).toBe('SERVER');
      expect(connect.traceId).toBe(parent.traceId);
      expect(connect.parentSpanId).toBe(parent.spanId);
      expect(connect.attributes).toEqual({
        ...CHAT,
        'websocket.transport': 'websocket',
      });
      const messages = await receiver.waitForSpans(
        { kind: 'CONSUMER' },
        { count: 2 },
      );
      expect(messages.map((span) => span.name).sort()).toEqual([
        'receive ping',
        'receive room:join',
      ]);
      for (const message of messages) {
        expect(message.traceId).toBe(parent.traceId);
        expect(message.parentSpanId).toBe(parent.spanId);
      }
    });

    it('continues the trace from auth', async () => {
      const chat = await start();
      const parent = remoteParent();

      const socket = await connectSocketIo(chat, {
        auth: { traceparent: parent.traceparent },
      });
      await socket.timeout(5_000).emitWithAck('ping');

      const connect = await oneSpan(receiver, { name: 'connect /chat' });
      expect(connect.parentSpanId).toBe(parent.spanId);
      const message = await oneSpan(receiver, { name: 'receive ping' });
      expect(message.traceId).toBe(parent.traceId);
      expect(message.parentSpanId).toBe(parent.spanId);
    });

    it('continues the trace from the query', async () => {
      const chat = await start();
      const parent = remoteParent();

      const socket = await connectSocketIo(chat, {
        query: { traceparent: parent.traceparent },
      });
      await socket.timeout(5_000).emitWithAck('ping');

      const connect = await oneSpan(receiver, { name: 'connect /chat' });
      expect(connect.parentSpanId).toBe(parent.spanId);
      const message = await oneSpan(receiver, { name: 'receive ping' });
      expect(message.traceId).toBe(parent.traceId);
      expect(message.parentSpanId).toBe(parent.spanId);
    });

    it('links new message traces to the connection', async () => {
      const chat = await start();

      const socket = await connectSocketIo(chat);
      await socket.timeout(5_000).emitWithAck('ping');
      await socket.timeout(5_000).emitWithAck('ping');

      const connect = await oneSpan(receiver, { name: 'connect /chat' });
      expect(connect.parentSpanId).toBeUndefined();
      const messages = await receiver.waitForSpans(
        { name: 'receive ping' },
        { count: 2 },
      );
      const [first, second] = messages;
      expect(first?.traceId).not.toBe(connect.traceId);
      expect(second?.traceId).not.toBe(first?.traceId);
      for (const message of messages) {
        expect(message.parentSpanId).toBeUndefined();
        expect(message.kind).toBe('CONSUMER');
        expect(message.links).toHaveLength(1);
        expect(message.links[0]?.traceId).toBe(connect.traceId);
        expect(message.links[0]?.spanId).toBe(connect.spanId);
      }
    });

    it('makes handler work a child of the message', async () => {
      const chat = await start();

      const socket = await connectSocketIo(chat);
      await socket.timeout(5_000).emitWithAck('chat:message', 'hello');

      const message = await oneSpan(receiver, { name: 'receive chat:message' });
      const lookup = await oneSpan(receiver, { kind: 'CLIENT' });
      expect(lookup.attributes['url.path']).toBe('/lookup');
      expect(lookup.parentSpanId).toBe(message.spanId);
      expect(message.endTimeUnixNano).toBeGreaterThanOrEqual(
        lookup.endTimeUnixNano,
      );
      expect(message.attributes).toMatchObject({
        ...CHAT,
        'websocket.event': 'chat:message',
      });
    });

    it('traces a room emit under the handler', async () => {
      const chat = await start();

      const socket = await connectSocketIo(chat);
      await socket.timeout(5_000).emitWithAck('room:join', 'lobby');

      const message = await oneSpan(receiver, { name: 'receive room:join' });
      const emit = await oneSpan(receiver, { name: 'emit room:joined' });
      expect(emit.kind).toBe('PRODUCER');
      expect(emit.parentSpanId).toBe(message.spanId);
      expect(emit.attributes).toEqual({
        ...CHAT,
        'websocket.event': 'room:joined',
        'websocket.rooms': ['lobby'],
        'websocket.recipients': 1,
      });
      expect(message.attributes['websocket.rooms']).toEqual(['lobby']);
    });
  },
);

describe('socket.io handlers', () => {
  async function start() {
    const { fixture, url } = await startApp(receiver, 'socketio-app.mjs');
    return { fixture, chat: `${url}/chat` };
  }

  it('records a rejected handler and keeps serving', async () => {
    const { fixture, chat } = await start();

    const socket = await connectSocketIo(chat);
    socket.emit('fail:reject');
    const reply = await socket.timeout(5_000).emitWithAck('ping');

    expect(reply).toBe('pong');
    const failed = await oneSpan(receiver, { name: 'receive fail:reject' });
    expect(failed.status.code).toBe('ERROR');
    expect(failed.status.message).toBe('handler rejected');
    expect(failed.attributes['error.type']).toBe('RangeError');
    expect(failed.events.map((event) => event.name)).toEqual(['exception']);
    expect(failed.events[0]?.attributes['exception.type']).toBe('RangeError');
    await fixture.waitForOutput(/unhandled rejection: handler rejected/, {
      stream: 'stderr',
    });
    const handled = await receiver.waitForMetric(
      'websocket.server.handler.duration',
      {
        attributes: {
          'websocket.event': 'fail:reject',
          'error.type': 'RangeError',
        },
      },
    );
    expect(handled[0]?.count).toBe(1);
  });

  it('fails on an acknowledgement with an error field', async () => {
    const { chat } = await start();

    const socket = await connectSocketIo(chat);
    const reply = await socket.timeout(5_000).emitWithAck('fail:ack-field', {});

    expect(reply).toEqual({ error: 'room is full' });
    const failed = await oneSpan(receiver, { name: 'receive fail:ack-field' });
    expect(failed.status.code).toBe('ERROR');
    expect(failed.attributes['error.type']).toBe('ack_error');
    expect(failed.events[0]?.attributes['exception.message']).toBe(
      'room is full',
    );
  });

  it('fails on an acknowledgement with an Error', async () => {
    const { chat } = await start();

    const socket = await connectSocketIo(chat);
    await socket.timeout(5_000).emitWithAck('fail:ack-error', {});

    const failed = await oneSpan(receiver, { name: 'receive fail:ack-error' });
    expect(failed.status.code).toBe('ERROR');
    expect(failed.attributes['error.type']).toBe('TypeError');
    expect(failed.events[0]?.attributes['exception.message']).toBe(
      'bad request',
    );
  });

  it('gives 500 invented events one value', async () => {
    const { chat } = await start();

    const socket = await connectSocketIo(chat);
    for (let index = 0; index < 500; index += 1) {
      socket.emit(`invented:${Math.random().toString(36).slice(2)}`, index);
    }
    await socket.timeout(5_000).emitWithAck('ping');

    const received = 'websocket.server.message.received';
    await receiver.waitFor(
      ({ metrics }) =>
        latestPoint(metrics, received, { ...CHAT, 'websocket.event': '_OTHER' })
          ?.value === 500,
      { timeoutMillis: 10_000 },
    );
    const events = attributeValues(
      receiver.metrics(),
      received,
      'websocket.event',
    );
    expect(events.sort()).toEqual(['_OTHER', 'ping']);
    const sizeEvents = attributeValues(
      receiver.metrics(),
      'websocket.server.message.size',
      'websocket.event',
    );
    expect(sizeEvents.sort()).toEqual(['_OTHER', 'ping']);
    await oneSpan(receiver, { name: 'receive ping' });
    const messages = receiver
      .spans()
      .filter((span) => span.name.startsWith('receive '));
    expect(messages.map((span) => span.name)).toEqual(['receive ping']);
  });

  it('measures a 1 MB message', async () => {
    const { chat } = await start();
    const payload = 'x'.repeat(1_000_000);
    // socket.io's encoding: packet type 2, namespace, acknowledgement id 0, JSON.
    const expected = Buffer.byteLength(
      `2/chat,0${JSON.stringify(['big', payload])}`,
    );

    const socket = await connectSocketIo(chat);
    const length = await socket.timeout(10_000).emitWithAck('big', payload);

    expect(length).toBe(1_000_000);
    const [point] = await receiver.waitForMetric(
      'websocket.server.message.size',
      {
        attributes: {
          'websocket.event': 'big',
          'websocket.direction': 'receive',
        },
      },
    );
    expect(point?.unit).toBe('By');
    expect(point?.count).toBe(1);
    expect(point?.sum).toBe(expected);
    const bucket = point?.bucketCounts?.findIndex((count) => count > 0) ?? -1;
    expect(point?.explicitBounds?.[bucket - 1]).toBe(262_144);
    expect(point?.explicitBounds?.[bucket]).toBe(1_048_576);
    const message = await oneSpan(receiver, { name: 'receive big' });
    expect(message.attributes['websocket.message.size']).toBe(expected);
  });

  it('counts a room emit once for its recipients', async () => {
    const { chat } = await start();

    const sender = await connectSocketIo(chat);
    const listeners = [
      await connectSocketIo(chat),
      await connectSocketIo(chat),
    ];
    for (const socket of [sender, ...listeners]) {
      await socket.timeout(5_000).emitWithAck('room:join', 'lobby');
    }
    const deliveries = listeners.map(
      (socket) =>
        new Promise((resolve) => socket.once('room:message', resolve)),
    );
    sender.emit('room:say', { room: 'lobby', text: 'hi all' });
    await Promise.all(deliveries);

    const emit = await oneSpan(receiver, { name: 'emit room:message' });
    expect(emit.attributes['websocket.recipients']).toBe(2);
    const [sent] = await receiver.waitForMetric(
      'websocket.server.message.sent',
      {
        attributes: { 'websocket.event': 'room:message' },
      },
    );
    expect(sent?.value).toBe(1);
  });

  it('labels dynamic namespaces by pattern', async () => {
    const { url } = await startApp(receiver, 'socketio-app.mjs');

    for (const room of ['/room-1', '/room-2']) {
      const socket = await connectSocketIo(`${url}${room}`);
      await socket.timeout(5_000).emitWithAck('ping');
    }

    const opened = 'websocket.server.connection.opened';
    await receiver.waitFor(
      ({ metrics }) =>
        latestPoint(metrics, opened, {
          'websocket.library': 'socket.io',
          'websocket.namespace': String(/^\/room-\d+$/),
        })?.value === 2,
    );
    expect(
      attributeValues(receiver.metrics(), opened, 'websocket.namespace'),
    ).toHaveLength(1);
  });
});
