import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type RunningApp, type StartOptions } from '../src/app.js';
import {
  createPostgresSchema,
  createSqliteDatabase,
  type TestDatabase,
} from './helpers/databases.js';
import {
  apiClient,
  type ApiClient,
  type JsonResponse,
} from './helpers/http.js';
import {
  assertAvailable,
  DEFAULT_POSTGRES_URL,
  DEFAULT_REDIS_URL,
  probePostgres,
  probeRedis,
  shouldRun,
} from './helpers/services.js';
import { startStubServer, type StubServer } from './helpers/stub-server.js';
import { startTcpProxy } from './helpers/tcp-proxy.js';

const postgresUrl = process.env.POSTGRES_TEST_URL ?? DEFAULT_POSTGRES_URL;
const redisUrl = process.env.REDIS_TEST_URL ?? DEFAULT_REDIS_URL;
const [postgres, redis] = await Promise.all([
  probePostgres(postgresUrl),
  probeRedis(redisUrl),
]);

/**
 * Above the registry's default 5 s cache, the longest a changed dependency
 * can take to show in `/health`.
 */
const STATUS_CHANGE_TIMEOUT_MILLIS = 15_000;

const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(
  options: Partial<StartOptions> = {},
  database?: TestDatabase,
): Promise<ApiClient> {
  const target = database ?? (await createSqliteDatabase());
  if (database === undefined) cleanups.push(() => target.drop());
  const server: RunningApp = await startApp({
    port: 0,
    databaseUrl: target.url,
    env: {},
    logger: ['error'],
    ...options,
  });
  cleanups.push(() => server.close());
  return apiClient(server.url);
}

/** Polls `path` until `accept` holds, because results are cached for 5 s. */
async function waitForHealth(
  api: ApiClient,
  path: string,
  accept: (response: JsonResponse) => boolean,
): Promise<JsonResponse> {
  const deadline = Date.now() + STATUS_CHANGE_TIMEOUT_MILLIS;
  for (;;) {
    const response = await api.get(path);
    if (accept(response)) return response;
    if (Date.now() > deadline) {
      throw new Error(
        `${path} did not change in time: ${JSON.stringify(response.body)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('health on SQLite', () => {
  test('registers the database and the runtime checks only', async () => {
    const api = await start();

    const health = await api.get('/health');
    const deep = await api.get('/health/deep');

    expect(health.status).toBe(200);
    expect(Object.keys(health.body.checks)).toEqual(['database']);
    expect(Object.keys(deep.body.checks)).toEqual([
      'database',
      'event_loop',
      'memory',
      'disk',
    ]);
    expect(deep.body.checks.memory.details.limitSource).toMatch(
      /^(cgroup v[12]|host)$/,
    );
    expect(deep.body.checks.disk.details.freeBytes).toBeGreaterThan(0);
  });

  test('serves readiness from the database', async () => {
    const api = await start();

    const ready = await api.get('/health/ready');

    expect(ready.status).toBe(200);
    expect(ready.body.checks.database.status).toBe('up');
  });
});

describe('health of the HTTP dependencies', () => {
  let auth: StubServer;
  let spotify: StubServer;

  beforeAll(async () => {
    auth = await startStubServer();
    spotify = await startStubServer();
  });

  afterAll(async () => {
    await spotify?.close();
    await auth?.close().catch(() => undefined);
  });

  test('checks the URLs from the environment and degrades without them', async () => {
    const api = await start({
      env: {
        AUTH_HEALTH_URL: `${auth.url}/auth/v1/health`,
        SPOTIFY_HEALTH_URL: `${spotify.url}/v1/status`,
      },
    });

    const before = await api.get('/health');
    await auth.close();
    const after = await waitForHealth(
      api,
      '/health',
      (response) => response.body.checks.auth.status === 'down',
    );

    expect(before.status).toBe(200);
    expect(before.body.status).toBe('healthy');
    expect(before.body.checks.auth).toMatchObject({
      status: 'up',
      kind: 'http',
    });
    expect(before.body.checks.spotify).toMatchObject({
      status: 'up',
      kind: 'http',
    });
    expect(auth.requests).toContain('GET /auth/v1/health');
    expect(spotify.requests).toContain('GET /v1/status');
    expect(after.status).toBe(200);
    expect(after.body.status).toBe('degraded');
    expect(after.body.checks.auth.error).toMatch(/ECONNREFUSED/);
    expect(after.body.checks.spotify.status).toBe('up');
  });
});

describe.runIf(shouldRun('Redis', redis, process.env))(
  'health of Redis',
  () => {
    beforeAll(() => assertAvailable('Redis', redis));

    test('is up on a running Redis', async () => {
      const api = await start({
        redisUrl,
        redisKeyPrefix: 'example_api_health:',
      });

      const health = await api.get('/health');

      expect(health.body.status).toBe('healthy');
      expect(health.body.checks.redis).toMatchObject({
        status: 'up',
        kind: 'redis',
        critical: false,
      });
    });

    test('degrades on a closed port', async () => {
      const api = await start({
        redisUrl: `redis://127.0.0.1:${await closedPort()}`,
      });

      const health = await api.get('/health');

      expect(health.status).toBe(200);
      expect(health.body.status).toBe('degraded');
      expect(health.body.checks.redis.status).toBe('down');
      expect(health.body.checks.database.status).toBe('up');
    });
  },
);

describe.runIf(shouldRun('PostgreSQL', postgres, process.env))(
  'health on PostgreSQL',
  () => {
    let database: TestDatabase;

    beforeAll(() => {
      assertAvailable('PostgreSQL', postgres);
      database = createPostgresSchema(postgresUrl);
      return () => database.drop();
    });

    test('reports the pool, connections and the app tables', async () => {
      const api = await start({}, database);
      await api.post('/users', {
        email: 'health@example.com',
        username: 'health_user',
        displayName: 'Health',
      });

      const deep = await api.get('/health/deep');
      const postgresql = deep.body.checks.postgresql;
      const tables = postgresql.details.tables.largest.map(
        (table: { table: string }) => table.table,
      );

      expect(deep.status).toBe(200);
      expect(deep.body.checks.database.status).toBe('up');
      expect(postgresql.status).toBe('up');
      expect(postgresql.critical).toBe(true);
      expect(postgresql.details.pool.waiting).toBe(0);
      expect(postgresql.details.pool.total).toBeGreaterThanOrEqual(1);
      expect(postgresql.details.connections.total).toBeGreaterThanOrEqual(1);
      expect(tables).toEqual(
        expect.arrayContaining(['User', 'Room', 'Message']),
      );
      expect(postgresql.details.slowStatements.available).toBe(false);
    });

    test('answers 503 once the database is unreachable', async () => {
      const proxy = await startTcpProxy(
        '127.0.0.1',
        Number(new URL(postgresUrl).port || 5432),
      );
      const url = new URL(database.url);
      url.port = String(proxy.port);
      const api = await start({ databaseUrl: url.href }, database);

      const before = await api.get('/health');
      await proxy.cut();
      const after = await waitForHealth(
        api,
        '/health',
        (response) => response.status === 503,
      );
      const ready = await api.get('/health/ready');
      const live = await api.get('/health/live');

      expect(before.status).toBe(200);
      expect(after.body.status).toBe('unhealthy');
      expect(after.body.checks.database.status).toBe('down');
      expect(ready.status).toBe(503);
      expect(live.status).toBe(200);
    });
  },
);
