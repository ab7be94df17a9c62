// The in-process testing kit against the app's TypeScript sources, as vitest
// loads them. What was tried, with vitest 5.1 on Node 24.21:
//
// - Works: `startTestTelemetry()` first, then the app imported with a
//   dynamic `import()`. Vitest runs the sources through Vite's module
//   runner, but it externalises packages under node_modules (the default of
//   `server.deps`), so Node itself loads @nestjs/core, express and ioredis,
//   and the import hook that the SDK registers patches them. Prisma needs no
//   patching: its client reads a tracing helper from `globalThis`.
// - Works: a first `import './start-telemetry.js'` of a module that calls
//   `startTestTelemetry()`, before a static import of the app, because ES
//   modules are evaluated in the order of their imports.
// - Fails: a static import of the app in the file that calls
//   `startTestTelemetry()`. Imports are evaluated before the file's first
//   statement, so Nest and express load unpatched: the trace has only the
//   HTTP server span, without `http.route`, and the Prisma spans. The SDK
//   warns about express and ioredis loaded too early, but not about
//   @nestjs/core, which is ESM-only and so absent from `require.cache`.
// - Fails: `server.deps.inline` listing @nestjs/* or express. Vite's runner
//   then evaluates those packages itself, out of the import hook's sight,
//   with the same result as the static import.
// - Needs a fresh module graph per file (vitest's default `isolate: true`,
//   with the forks or threads pool): a package that an earlier file loaded
//   before the SDK started cannot be patched afterwards.
import {
  expectTraceTree,
  startTestTelemetry,
  toTreeSpan,
} from '@seda/telemetry/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createSqliteDatabase,
  type TestDatabase,
} from '../helpers/databases.js';
import { apiClient, type ApiClient } from '../helpers/http.js';
import {
  inMemoryRequestCounts,
  listenOnLoopback,
} from './support/in-process.js';
import {
  dbQuery,
  nestRequestTree,
  prismaOperation,
} from './support/nest-trees.js';

const telemetry = startTestTelemetry({ serviceName: 'seda-api-test' });
const { createApp } = await import('../../src/app.js');

const CREATE_ROOM = {
  method: 'POST',
  route: '/rooms',
  status: 201,
  controller: 'RoomsController',
  handler: 'create',
};

describe('startTestTelemetry with createApp from src', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let api: ApiClient;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    app = await createApp({
      databaseUrl: database.url,
      env: {},
      logger: false,
    });
    api = apiClient(await listenOnLoopback(app));
  });

  afterEach(() => {
    telemetry.reset();
  });

  afterAll(async () => {
    await app?.close();
    await telemetry.shutdown();
    await database?.drop();
  });

  it('request gives the whole tree', async () => {
    const response = await api.post('/rooms', { name: 'in process' });

    expect(response.status).toBe(201);
    const spans = await telemetry.waitForSpans((ended) =>
      ended.some((span) => span.name === 'POST /rooms'),
    );
    expectTraceTree(
      spans.map(toTreeSpan),
      nestRequestTree(CREATE_ROOM, [
        prismaOperation('Room', 'create', [
          dbQuery('sqlite', /^INSERT INTO\s+\S*Room\W/),
        ]),
      ]),
    );
  });

  it('metrics are collected in memory', async () => {
    const roomId = (await api.post('/rooms', { name: 'counted' })).body.id;

    const room = await api.get(`/rooms/${roomId}`);

    expect(room.status).toBe(200);
    const points = await telemetry.collectMetrics();
    expect(inMemoryRequestCounts(points)).toMatchObject({
      'GET /rooms/:id 200': 1,
    });
    const operations = points.filter(
      (point) =>
        point.name === 'prisma.client.operation.duration' &&
        point.attributes['db.collection.name'] === 'RoomMembership',
    );
    expect(operations.map((point) => point.count)).toEqual([1]);
  });
});
