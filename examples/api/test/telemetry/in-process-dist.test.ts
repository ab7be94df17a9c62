// The in-process testing kit against the built app, which Node loads
// natively, outside Vite's module runner. See in-process-source.test.ts for
// what works and what does not.
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
import { listenOnLoopback } from './support/in-process.js';
import {
  dbQuery,
  nestRequestTree,
  prismaOperation,
} from './support/nest-trees.js';

const telemetry = startTestTelemetry({ serviceName: 'seda-api-test' });
const { createApp } = await import('../../dist/app.js');

describe('startTestTelemetry with createApp from dist', () => {
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
    const response = await api.post('/rooms', { name: 'built' });

    expect(response.status).toBe(201);
    const spans = await telemetry.waitForSpans((ended) =>
      ended.some((span) => span.name === 'POST /rooms'),
    );
    expectTraceTree(
      spans.map(toTreeSpan),
      nestRequestTree(
        {
          method: 'POST',
          route: '/rooms',
          status: 201,
          controller: 'RoomsController',
          handler: 'create',
        },
        [
          prismaOperation('Room', 'create', [
            dbQuery('sqlite', /^INSERT INTO\s+\S*Room\W/),
          ]),
        ],
      ),
    );
  });
});
