import { createServer } from 'node:net';
import { createClient } from '@libsql/client';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type RunningApp } from '../src/app.js';
import {
  createSqliteDatabase,
  randomSuffix,
  type TestDatabase,
} from './helpers/databases.js';
import {
  createRoom,
  postMessage,
  signUp,
  type TestUser,
} from './helpers/fixtures.js';
import { apiClient, type ApiClient } from './helpers/http.js';
import {
  assertAvailable,
  DEFAULT_REDIS_URL,
  probeRedis,
  shouldRun,
} from './helpers/services.js';

const redisUrl = process.env.REDIS_TEST_URL ?? DEFAULT_REDIS_URL;
const availability = await probeRedis(redisUrl);

describe.runIf(shouldRun('Redis', availability, process.env))('Redis', () => {
  const prefix = `example_api_test_${randomSuffix()}:`;
  let database: TestDatabase;
  let server: RunningApp;
  let api: ApiClient;
  let redis: Redis;

  beforeAll(async () => {
    assertAvailable('Redis', availability);
    database = await createSqliteDatabase();
    server = await startApp({
      port: 0,
      databaseUrl: database.url,
      redisUrl,
      redisKeyPrefix: prefix,
      env: {},
      logger: ['error'],
    });
    api = apiClient(server.url);
    redis = new Redis(redisUrl);
  });

  afterAll(async () => {
    await server?.close();
    if (redis !== undefined) {
      await deleteKeys(redis, `${prefix}*`);
      await redis.quit();
    }
    await database?.drop();
  });

  const historyKey = (roomId: number) => `${prefix}room:${roomId}:history`;

  async function roomWithMessage(): Promise<{
    user: TestUser;
    roomId: number;
  }> {
    const user = await signUp(api);
    const roomId = await createRoom(api);
    await postMessage(api, roomId, user.id, 'first');
    return { user, roomId };
  }

  function insertBehindTheApp(roomId: number, userId: number, text: string) {
    const client = createClient({ url: database.url });
    return client
      .execute({
        sql: 'INSERT INTO "Message" ("roomId", "userId", "text", "createdAt") VALUES (?, ?, ?, ?)',
        args: [roomId, userId, text, new Date().toISOString()],
      })
      .finally(() => client.close());
  }

  const texts = (body: { messages: { text: string }[] }) =>
    body.messages.map((message) => message.text);

  test('history read fills the cache', async () => {
    const { roomId } = await roomWithMessage();

    const response = await api.get(`/rooms/${roomId}/messages?limit=10`);

    expect(response.status).toBe(200);
    expect(await redis.hexists(historyKey(roomId), '10')).toBe(1);
    const ttl = await redis.ttl(historyKey(roomId));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  test('cached history is served from Redis', async () => {
    const { user, roomId } = await roomWithMessage();
    await api.get(`/rooms/${roomId}/messages`);
    await insertBehindTheApp(roomId, user.id, 'written directly');

    const response = await api.get(`/rooms/${roomId}/messages`);

    expect(texts(response.body)).toEqual(['first']);
  });

  test('new message invalidates the cache', async () => {
    const { user, roomId } = await roomWithMessage();
    await api.get(`/rooms/${roomId}/messages`);
    await insertBehindTheApp(roomId, user.id, 'written directly');

    await postMessage(api, roomId, user.id, 'posted');
    const cachedAfterPost = await redis.exists(historyKey(roomId));
    const response = await api.get(`/rooms/${roomId}/messages`);

    expect(cachedAfterPost).toBe(0);
    expect(texts(response.body)).toEqual([
      'posted',
      'written directly',
      'first',
    ]);
  });

  test('reaction invalidates the cache', async () => {
    const { user, roomId } = await roomWithMessage();
    const before = await api.get(`/rooms/${roomId}/messages`);
    const messageId = before.body.messages[0].id;

    const reaction = await api.post(`/messages/${messageId}/reactions`, {
      userId: user.id,
      type: 'laugh',
    });
    const after = await api.get(`/rooms/${roomId}/messages`);

    expect(reaction.status).toBe(201);
    expect(before.body.messages[0].reactions.laugh).toBe(0);
    expect(after.body.messages[0].reactions.laugh).toBe(1);
  });

  test('online counter counts active users', async () => {
    const roomId = await createRoom(api);
    const member = await signUp(api);
    const poster = await signUp(api);
    await api.post(`/rooms/${roomId}/join`, { userId: member.id });
    await postMessage(api, roomId, poster.id, 'hi');
    await postMessage(api, roomId, poster.id, 'again');

    const response = await api.get(`/rooms/${roomId}`);

    expect(response.body.onlineCount).toBe(2);
    expect(response.body.memberCount).toBe(1);
    expect(await redis.zcard(`${prefix}room:${roomId}:online`)).toBe(2);
  });
});

describe('unreachable Redis', () => {
  let database: TestDatabase;
  let server: RunningApp;
  let api: ApiClient;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    server = await startApp({
      port: 0,
      databaseUrl: database.url,
      redisUrl: `redis://127.0.0.1:${await closedPort()}`,
      env: {},
      logger: false,
    });
    api = apiClient(server.url);
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  test('requests fall back to the database', async () => {
    const user = await signUp(api);
    const roomId = await createRoom(api);
    await postMessage(api, roomId, user.id, 'still works');

    const history = await api.get(`/rooms/${roomId}/messages`);
    const room = await api.get(`/rooms/${roomId}`);

    expect(history.status).toBe(200);
    expect(history.body.messages).toHaveLength(1);
    expect(room.status).toBe(200);
    expect(room.body.onlineCount).toBeNull();
  });
});

/**
 * Returns a loopback port that was free a moment ago, though another process
 * could take it in between.
 */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') {
    throw new Error('Expected a TCP address from the probe server.');
  }
  return address.port;
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(
      cursor,
      'MATCH',
      pattern,
      'COUNT',
      100,
    );
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    cursor = next;
  } while (cursor !== '0');
}
