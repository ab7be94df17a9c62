import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { expectTraceTree } from '@seda/telemetry/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  chatMessageTree,
  CLIENT_SPAN_NAME,
  handshakeSpan,
  roomEmit,
  withCallerSpan,
} from './support/chat-trees.js';
import { dbQuery, prismaOperation } from './support/nest-trees.js';
import { waitUntilPasses } from './support/received.js';
import { callerSpan } from './support/trace-context.js';

let receiver: OtlpReceiver;
let database: TestDatabase;
let app: InstrumentedChatApp;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  database = await createSqliteDatabase();
  app = await startInstrumentedChatApp(receiver, {
    databaseUrl: database.url,
  });
});

afterAll(async () => {
  killChatClients();
  await stopAllFixtures();
  await receiver?.close();
  await database?.drop();
});

/**
 * Joins `library`'s client, which sends `traceparent` when given, and a
 * socket.io listener to a new room.
 */
async function joinRoom(library: ChatLibrary, traceparent?: string) {
  const roomId = await createRoom(app.api);
  const [sender, listener] = [await signUp(app.api), await signUp(app.api)];
  const client = await connectChat(library, app.endpoints, { traceparent });
  const other = await connectChat('socket.io', app.endpoints);
  await other.request('room:join', { roomId, userId: listener.id });
  await client.request('room:join', { roomId, userId: sender.id });
  return { roomId, userId: sender.id, client };
}

describe.each(CHAT_LIBRARIES)('chat traces on %s', (library) => {
  it('follows a message from handshake to broadcast', async () => {
    const caller = callerSpan(true);
    const { roomId, userId, client } = await joinRoom(
      library,
      caller.traceparent,
    );

    await client.request('message:send', { roomId, userId, text: 'hi' });

    const room = `room:${roomId}`;
    await waitUntilPasses(receiver, ({ spans }) => {
      const trace = spans.filter((span) => span.traceId === caller.traceId);
      expectTraceTree(withCallerSpan(trace, caller), {
        name: CLIENT_SPAN_NAME,
        children: [
          handshakeSpan(library),
          chatMessageTree(
            library,
            'message:send',
            'send',
            [
              prismaOperation('Room', 'findUnique'),
              prismaOperation('User', 'findUnique'),
              prismaOperation('Message', 'create', [
                dbQuery('sqlite', /^INSERT INTO\s+\S*Message/),
              ]),
              roomEmit('message:new', room, 1),
            ],
            { 'websocket.rooms': [room] },
          ),
        ],
      });
    });
  });

  it('measures the message on its span', async () => {
    const caller = callerSpan(true);
    const { roomId, userId, client } = await joinRoom(
      library,
      caller.traceparent,
    );
    const text = 'x'.repeat(1_000);

    await client.request('message:send', { roomId, userId, text });

    await waitUntilPasses(receiver, ({ spans }) => {
      const message = spans.find(
        (span) =>
          span.traceId === caller.traceId &&
          span.name === 'receive message:send',
      );
      expect(message?.attributes['websocket.message.size']).toBeGreaterThan(
        text.length,
      );
      expect(message?.attributes['websocket.message.size']).toBeLessThan(
        text.length + 200,
      );
    });
  });

  it('links messages to the handshake without traceparent', async () => {
    const { roomId, userId, client } = await joinRoom(library);

    await client.request('message:send', { roomId, userId, text: 'hello' });

    await waitUntilPasses(receiver, ({ spans }) => {
      const message = spans.find(
        (span) =>
          span.name === 'receive message:send' &&
          String(span.attributes['websocket.rooms']) === `room:${roomId}`,
      );
      const handshake = spans.find(
        (span) => span.spanId === message?.links[0]?.spanId,
      );
      expect(message?.parentSpanId ?? '').toBe('');
      expect(handshake?.name).toBe('connect /chat');
      expect(handshake?.attributes['websocket.library']).toBe(library);
      expect(handshake?.traceId).not.toBe(message?.traceId);
    });
  });
});
