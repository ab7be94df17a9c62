import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createSqliteDatabase,
  type TestDatabase,
} from '../helpers/databases.js';
import { createRoom, postMessage, signUp } from '../helpers/fixtures.js';
import { startInstrumentedApp } from './support/instrumented-app.js';
import {
  latestSeries,
  prismaOperationCounts,
  waitUntilPasses,
} from './support/received.js';

let receiver: OtlpReceiver;
let database: TestDatabase;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  database = await createSqliteDatabase();
});

afterEach(async () => {
  await stopAllFixtures();
  receiver.reset();
});

afterAll(async () => {
  await receiver.close();
  await database.drop();
});

describe('prisma.client.operation.duration', () => {
  it('counts each operation by model', async () => {
    const { api } = await startInstrumentedApp(receiver, {
      databaseUrl: database.url,
    });

    // Each call below lists the Prisma operations the app runs for it.
    const user = await signUp(api); // User.create
    await signUp(api); // User.create
    const conflict = await api.post('/users', {
      email: user.email,
      username: 'someone_else',
      displayName: 'Someone else',
    }); // User.create fails with P2002, then User.findFirst
    const roomId = await createRoom(api); // Room.create
    for (const text of ['one', 'two', 'three']) {
      // Room.findUnique, User.findUnique, Message.create
      await postMessage(api, roomId, user.id, text);
    }
    // Room.findUnique, Message.findMany, Reaction.groupBy, twice
    await api.get(`/rooms/${roomId}/messages`);
    await api.get(`/rooms/${roomId}/messages?limit=2`);
    // Room.findUnique, RoomMembership.count
    const room = await api.get(`/rooms/${roomId}`);

    expect(conflict.status).toBe(409);
    expect(room.status).toBe(200);
    await waitUntilPasses(receiver, ({ metrics }) => {
      expect(prismaOperationCounts(metrics)).toEqual({
        'User create': 2,
        'User create P2002': 1,
        'User findFirst': 1,
        'Room create': 1,
        'Room findUnique': 6,
        'User findUnique': 3,
        'Message create': 3,
        'Message findMany': 2,
        'Reaction groupBy': 2,
        'RoomMembership count': 1,
      });
    });
  });

  it('records seconds with bounded attributes', async () => {
    const { api } = await startInstrumentedApp(receiver, {
      databaseUrl: database.url,
    });

    await createRoom(api);

    await waitUntilPasses(receiver, ({ metrics }) => {
      expect(prismaOperationCounts(metrics)).toEqual({ 'Room create': 1 });
    });
    const [point] = latestSeries(
      receiver.metrics(),
      'prisma.client.operation.duration',
    );
    expect(point?.unit).toBe('s');
    expect(point?.type).toBe('histogram');
    expect(point?.attributes).toEqual({
      'db.collection.name': 'Room',
      'db.operation.name': 'create',
    });
    // Buckets from 1 ms to 10 s, so database calls fall into several.
    expect(point?.explicitBounds?.[0]).toBe(0.001);
    expect(point?.explicitBounds?.at(-1)).toBe(10);
  });
});
