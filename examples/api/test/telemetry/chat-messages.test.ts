import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CHAT_LIBRARIES,
  connectChat,
  killChatClients,
  type ChatLibrary,
} from '../chat/support/chat-clients.js';
import {
  createSqliteDatabase,
  type TestDatabase,
} from '../helpers/databases.js';
import { createRoom, signUp } from '../helpers/fixtures.js';
import {
  startInstrumentedChatApp,
  type InstrumentedChatApp,
} from './support/chat-app.js';
import {
  HANDLER_DURATION,
  latestValue,
  MESSAGES_RECEIVED,
  MESSAGES_SENT,
  valuesBy,
  waitForValue,
} from './support/chat-metrics.js';
import { gatewayAttributes, gatewayClass } from './support/chat-trees.js';
import { waitUntilPasses } from './support/received.js';
import { callerSpan } from './support/trace-context.js';

let receiver: OtlpReceiver;
let database: TestDatabase;
let app: InstrumentedChatApp;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  database = await createSqliteDatabase();
});

afterEach(async () => {
  killChatClients();
  await stopAllFixtures();
  receiver.reset();
});

afterAll(async () => {
  await receiver?.close();
  await database?.drop();
});

const EVENT = 'websocket.event';

/** Starts a fresh app, so that every counter starts at zero. */
async function startApp(): Promise<void> {
  app = await startInstrumentedChatApp(receiver, {
    databaseUrl: database.url,
  });
}

/** Connects a new user over `library` and joins `roomId`. */
async function member(library: ChatLibrary, roomId: number) {
  const user = await signUp(app.api);
  const client = await connectChat(library, app.endpoints);
  await client.request('room:join', { roomId, userId: user.id });
  return { client, userId: user.id };
}

describe.each(CHAT_LIBRARIES)('chat messages on %s', (library) => {
  const gateway = gatewayAttributes(library);

  it('counts messages per event', async () => {
    await startApp();
    const roomId = await createRoom(app.api);
    const sender = await member(library, roomId);
    const listener = await member(library, roomId);
    const delivered = Promise.all([
      listener.client.next('message:new'),
      listener.client.next('typing'),
    ]);

    for (const text of ['one', 'two', 'three']) {
      await sender.client.request('message:send', {
        roomId,
        userId: sender.userId,
        text,
      });
    }
    sender.client.send('typing', { roomId, userId: sender.userId });
    sender.client.send('typing', {
      roomId,
      userId: sender.userId,
      typing: false,
    });
    await delivered;
    await listener.client.request('room:leave', {
      roomId,
      userId: listener.userId,
    });

    const received = { ...gateway, [EVENT]: 'room:leave' };
    await waitForValue(receiver, MESSAGES_RECEIVED, received, 1);
    await waitUntilPasses(receiver, ({ metrics }) => {
      expect(valuesBy(metrics, MESSAGES_RECEIVED, gateway, EVENT)).toEqual({
        'room:join': 2,
        'message:send': 3,
        typing: 2,
        'room:leave': 1,
      });
      expect(valuesBy(metrics, MESSAGES_SENT, gateway, EVENT)).toEqual(
        library === 'socket.io'
          ? // Acknowledgements are not counted, broadcasts are.
            {
              'room:joined': 1,
              'message:new': 3,
              typing: 2,
              'room:left': 1,
            }
          : // Every ws frame is a `message`: 4 replies to the sender and
            // 2 to the listener, 5 broadcasts to the listener and 2 to
            // the sender (its join and its leave).
            { message: 13 },
      );
    });
  });

  it('gives invented events one value', async () => {
    await startApp();
    const client = await connectChat(library, app.endpoints);

    for (let i = 0; i < 50; i += 1) {
      client.send(`invented:${Math.random().toString(36).slice(2)}`, {});
    }
    // Frames of one connection are handled in order, so this reply comes
    // after all 50.
    await client.request('room:join', { roomId: 1, userId: 1 });

    const other = { ...gateway, [EVENT]: '_OTHER' };
    await waitForValue(receiver, MESSAGES_RECEIVED, other, 50);
    expect(
      valuesBy(receiver.metrics(), MESSAGES_RECEIVED, gateway, EVENT),
    ).toEqual({ _OTHER: 50, 'room:join': 1 });
  });

  it('records a handler error and keeps serving', async () => {
    await startApp();
    const caller = callerSpan(true);
    const user = await signUp(app.api);
    const roomId = await createRoom(app.api);
    const client = await connectChat(library, app.endpoints, {
      traceparent: caller.traceparent,
    });

    const failed = await client.request('room:join', {
      roomId: 1_999_999_999,
      userId: user.id,
    });
    const joined = await client.request('room:join', {
      roomId,
      userId: user.id,
    });

    expect(failed.error?.statusCode).toBe(404);
    expect(joined.data).toMatchObject({ roomId, userId: user.id });
    const handler = `${gatewayClass(library)}.join`;
    await waitUntilPasses(receiver, ({ spans, metrics }) => {
      const errors = spans.filter(
        (span) =>
          span.traceId === caller.traceId && span.status.code === 'ERROR',
      );
      expect(errors.map((span) => span.name).sort()).toEqual([
        handler,
        'receive room:join',
      ]);
      for (const span of errors) {
        expect(span.attributes['error.type']).toBe('NotFoundException');
        expect(span.status.message).toBe('Room 1999999999 not found.');
      }
      const handlerSpan = errors.find((span) => span.name === handler);
      expect(handlerSpan?.events.map((event) => event.name)).toEqual([
        'exception',
      ]);
      const join = { ...gateway, [EVENT]: 'room:join' };
      const failedJoin = { ...join, 'error.type': 'NotFoundException' };
      expect(latestValue(metrics, HANDLER_DURATION, failedJoin)).toBe(1);
      expect(latestValue(metrics, HANDLER_DURATION, join)).toBe(1);
    });
  });

  it('fails the message span of an invalid payload', async () => {
    await startApp();
    const caller = callerSpan(true);
    const client = await connectChat(library, app.endpoints, {
      traceparent: caller.traceparent,
    });

    const reply = await client.request('message:send', { roomId: 'lobby' });

    expect(reply.error?.statusCode).toBe(400);
    await waitUntilPasses(receiver, ({ spans }) => {
      const trace = spans.filter((span) => span.traceId === caller.traceId);
      const message = trace.find(
        (span) => span.name === 'receive message:send',
      );
      expect(message?.status.code).toBe('ERROR');
      expect(message?.attributes['error.type']).toBe('BadRequestException');
      // The pipe rejects the payload before the gateway method runs.
      expect(trace.map((span) => span.name)).not.toContain(
        `${gatewayClass(library)}.send`,
      );
    });
  });
});
