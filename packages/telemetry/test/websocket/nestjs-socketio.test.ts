import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeClients,
  connectSocketIo,
  oneSpan,
  REGISTER_CJS,
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

async function connect(options = {}) {
  const { url } = await startApp(receiver, 'nest-socketio-app.mjs');
  return connectSocketIo(`${url}/chat`, options);
}

describe('NestJS gateway on socket.io', () => {
  it('nests the handler under the message', async () => {
    const socket = await connect();
    const reply = new Promise((resolve) => socket.once('chat:reply', resolve));

    socket.emit('chat:message', 'hello');

    expect(await reply).toEqual({ room: 'lobby' });
    const message = await oneSpan(receiver, { name: 'receive chat:message' });
    const handler = await oneSpan(receiver, { name: 'ChatGateway.onMessage' });
    const lookup = await oneSpan(receiver, { kind: 'CLIENT' });
    expect(message.kind).toBe('CONSUMER');
    expect(handler.kind).toBe('INTERNAL');
    expect(handler.parentSpanId).toBe(message.spanId);
    expect(handler.attributes).toEqual({
      'nestjs.type': 'handler',
      'nestjs.controller': 'ChatGateway',
      'nestjs.callback': 'onMessage',
    });
    expect(lookup.parentSpanId).toBe(handler.spanId);
    // Without an acknowledgement to wait for, only the NestJS handler's
    // promise keeps the message span open until the lookup is done.
    expect(message.endTimeUnixNano).toBeGreaterThanOrEqual(
      lookup.endTimeUnixNano,
    );
  });

  it('records a thrown handler error and keeps serving', async () => {
    const socket = await connect();
    const exception = new Promise((resolve) =>
      socket.once('exception', resolve),
    );

    socket.emit('fail:throw', {});
    const reply = await socket.timeout(5_000).emitWithAck('ping', {});

    expect(await exception).toMatchObject({
      status: 'error',
      message: 'handler failed',
    });
    expect(reply).toBe('pong');
    const message = await oneSpan(receiver, { name: 'receive fail:throw' });
    const handler = await oneSpan(receiver, { name: 'ChatGateway.onThrow' });
    for (const span of [message, handler]) {
      expect(span.status.code).toBe('ERROR');
      expect(span.status.message).toBe('handler failed');
      expect(span.attributes['error.type']).toBe('WsException');
      expect(span.events.map((event) => event.name)).toEqual(['exception']);
    }
    const [failed] = await receiver.waitForMetric(
      'websocket.server.handler.duration',
      {
        attributes: { 'websocket.event': 'fail:throw' },
      },
    );
    expect(failed?.attributes['error.type']).toBe('WsException');
  });

  it('records a rejected handler', async () => {
    const socket = await connect();

    socket.emit('fail:reject', {});

    const message = await oneSpan(receiver, { name: 'receive fail:reject' });
    expect(message.status.code).toBe('ERROR');
    expect(message.attributes['error.type']).toBe('RangeError');
  });

  it('traces a room emit under the handler', async () => {
    const socket = await connect();

    await socket.timeout(5_000).emitWithAck('room:join', 'lobby');

    const handler = await oneSpan(receiver, { name: 'ChatGateway.onJoin' });
    const emit = await oneSpan(receiver, { name: 'emit room:joined' });
    expect(emit.kind).toBe('PRODUCER');
    expect(emit.parentSpanId).toBe(handler.spanId);
    expect(emit.attributes['websocket.rooms']).toEqual(['lobby']);
    const message = await oneSpan(receiver, { name: 'receive room:join' });
    expect(message.attributes['websocket.rooms']).toEqual(['lobby']);
  });

  it('keeps handler metadata for guards', async () => {
    const socket = await connect();
    const exception = new Promise((resolve) =>
      socket.once('exception', resolve),
    );

    socket.emit('locked', {});

    expect(await exception).toMatchObject({ message: 'Forbidden resource' });
    const message = await oneSpan(receiver, { name: 'receive locked' });
    expect(message.status.code).toBe('ERROR');
    expect(message.attributes['error.type']).toBe('WsException');
    const names = receiver.spans().map((span) => span.name);
    expect(names).not.toContain('ChatGateway.onLocked');
  });

  it('continues the trace from auth', async () => {
    const parent = remoteParent();
    const socket = await connect({ auth: { traceparent: parent.traceparent } });

    await socket.timeout(5_000).emitWithAck('ping', {});

    const connectSpan = await oneSpan(receiver, { name: 'connect /chat' });
    const message = await oneSpan(receiver, { name: 'receive ping' });
    const handler = await oneSpan(receiver, { name: 'ChatGateway.onPing' });
    expect(connectSpan.parentSpanId).toBe(parent.spanId);
    expect(message.parentSpanId).toBe(parent.spanId);
    expect(handler.traceId).toBe(parent.traceId);
    expect(handler.parentSpanId).toBe(message.spanId);
  });
});

describe('NestJS gateway in a CommonJS app', () => {
  it('nests the handler under the message', async () => {
    const { url } = await startApp(receiver, 'nest-socketio-app.cjs', {
      nodeArgs: REGISTER_CJS,
    });
    const socket = await connectSocketIo(`${url}/chat`);

    await socket.timeout(5_000).emitWithAck('room:join', 'lobby');

    const message = await oneSpan(receiver, { name: 'receive room:join' });
    const handler = await oneSpan(receiver, { name: 'ChatGateway.onJoin' });
    const emit = await oneSpan(receiver, { name: 'emit room:joined' });
    expect(handler.parentSpanId).toBe(message.spanId);
    expect(emit.parentSpanId).toBe(handler.spanId);
  });
});
