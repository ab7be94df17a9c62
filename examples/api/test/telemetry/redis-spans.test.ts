import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { expectTraceTree } from '@seda/telemetry/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createSqliteDatabase,
  randomSuffix,
  type TestDatabase,
} from '../helpers/databases.js';
import { createRoom, postMessage, signUp } from '../helpers/fixtures.js';
import {
  assertAvailable,
  DEFAULT_REDIS_URL,
  probeRedis,
  shouldRun,
} from '../helpers/services.js';
import {
  type InstrumentedApp,
  startInstrumentedApp,
} from './support/instrumented-app.js';
import { nestRequestTree, prismaOperation } from './support/nest-trees.js';
import { waitUntilPasses } from './support/received.js';
import { deleteKeysWithPrefix, readHashField } from './support/redis-keys.js';

const redisUrl = process.env.REDIS_TEST_URL ?? DEFAULT_REDIS_URL;
const redis = await probeRedis(redisUrl);

describe.runIf(shouldRun('Redis', redis, process.env))('Redis spans', () => {
  const prefix = `example_api_telemetry_${randomSuffix()}:`;
  let receiver: OtlpReceiver;
  let database: TestDatabase;

  beforeAll(async () => {
    assertAvailable('Redis', redis);
    receiver = await startOtlpReceiver();
    database = await createSqliteDatabase();
  });

  afterEach(async () => {
    await stopAllFixtures();
    receiver.reset();
  });

  afterAll(async () => {
    await receiver?.close();
    await database?.drop();
    if (redis.available) await deleteKeysWithPrefix(redisUrl, prefix);
  });

  const HISTORY = {
    method: 'GET',
    route: '/rooms/:roomId/messages',
    status: 200,
    controller: 'MessagesController',
    handler: 'history',
  };

  /** Builds a RegExp source matching a key as the app writes it, prefixed. */
  function keyPattern(roomId: number, kind: string): string {
    return `${prefix}room:${roomId}:${kind}`.replace(
      /[.*+?^${}()|[\]\\]/g,
      '\\$&',
    );
  }

  function redisSpan(name: string, text?: RegExp) {
    return {
      name,
      kind: 'CLIENT',
      attributes: {
        'db.system.name': 'redis',
        ...(text === undefined ? {} : { 'db.query.text': text }),
      },
    };
  }

  async function startWithMessage(text: string): Promise<{
    app: InstrumentedApp;
    roomId: number;
  }> {
    const app = await startInstrumentedApp(receiver, {
      databaseUrl: database.url,
      env: { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix },
    });
    const user = await signUp(app.api);
    const roomId = await createRoom(app.api);
    await postMessage(app.api, roomId, user.id, text);
    return { app, roomId };
  }

  it('cache miss commands are handler children', async () => {
    const { app, roomId } = await startWithMessage('hello');

    const history = await app.api.get(`/rooms/${roomId}/messages`);

    expect(history.status).toBe(200);
    const historyKey = keyPattern(roomId, 'history');
    await waitUntilPasses(receiver, ({ spans }) => {
      expectTraceTree(
        spans,
        nestRequestTree(HISTORY, [
          redisSpan('hget'),
          prismaOperation('Message', 'findMany'),
          redisSpan('multi'),
          redisSpan('hset', new RegExp(`^hset ${historyKey} 50 `)),
          redisSpan('expire', new RegExp(`^expire ${historyKey} 30 NX$`)),
          redisSpan('exec'),
        ]),
      );
    });
  });

  it('cache hit is one Redis command', async () => {
    const { app, roomId } = await startWithMessage('hello');
    await app.api.get(`/rooms/${roomId}/messages`);

    const cached = await app.api.get(`/rooms/${roomId}/messages?limit=50`);

    expect(cached.status).toBe(200);
    const tree = nestRequestTree(HISTORY, [redisSpan('hget')]);
    const hitTree = {
      ...tree,
      attributes: { ...tree.attributes, 'url.query': 'limit=50' },
    };
    await waitUntilPasses(receiver, ({ spans }) => {
      const hit = expectTraceTree(spans, hitTree);
      const handler = hit.children[0]?.children[0];
      expect(handler?.children.map((child) => child.span.name)).toEqual([
        'hget',
      ]);
    });
  });

  it('query texts omit cached values', async () => {
    const text = `cached-text-${randomSuffix()}`;
    const { app, roomId } = await startWithMessage(text);
    await app.api.get(`/rooms/${roomId}/messages`);
    await app.api.get(`/rooms/${roomId}/messages`);

    const stored = await readHashField(
      redisUrl,
      `${prefix}room:${roomId}:history`,
      '50',
    );

    expect(stored).toContain(text);
    await waitUntilPasses(receiver, ({ spans }) => {
      const names = spans.map((span) => span.name);
      expect(names.filter((name) => name === 'hget')).toHaveLength(2);
      expect(names).toContain('hset');
    });
    const queryTexts = receiver
      .spans()
      .filter((span) => span.attributes['db.system.name'] === 'redis')
      .map((span) => String(span.attributes['db.query.text']));
    expect(queryTexts.filter((query) => query.includes(text))).toEqual([]);
    expect(queryTexts.filter((query) => query.includes('{'))).toEqual([]);
  });
});
