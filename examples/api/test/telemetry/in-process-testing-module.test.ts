// The in-process testing kit with a NestJS testing module built from the
// app's modules, as users write tests with @nestjs/testing. The rules in
// in-process-source.test.ts apply here too, so the SDK starts first and
// @nestjs/testing and the app are imported dynamically after it.
import {
  expectTraceTree,
  startTestTelemetry,
  toTreeSpan,
} from '@seda/telemetry/testing';
import type { INestApplication } from '@nestjs/common';
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
const { Test } = await import('@nestjs/testing');
const { AppModule } = await import('../../src/app.module.js');
const { resolveAppConfig } = await import('../../src/config.js');
const { createValidationPipe } =
  await import('../../src/validation/validation-pipe.js');

/** `SpanStatusCode.UNSET` of `@opentelemetry/api`. */
const SPAN_STATUS_UNSET = 0;

async function createTestingApp(
  databaseUrl: string,
): Promise<INestApplication> {
  const config = resolveAppConfig({ databaseUrl, env: {} });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, undefined)],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalPipes(createValidationPipe());
  await app.init();
  return app;
}

describe('startTestTelemetry with a testing module', () => {
  let database: TestDatabase;
  let app: INestApplication | undefined;
  let api: ApiClient;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    app = await createTestingApp(database.url);
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
    const user = (
      await api.post('/users', {
        email: 'tester@example.com',
        username: 'tester',
        displayName: 'Tester',
      })
    ).body;
    const roomId = (await api.post('/rooms', { name: 'testing' })).body.id;
    telemetry.reset();

    const response = await api.post(`/rooms/${roomId}/messages`, {
      userId: user.id,
      text: 'from a testing module',
    });

    expect(response.status).toBe(201);
    const spans = await telemetry.waitForSpans((ended) =>
      ended.some((span) => span.name === 'POST /rooms/:roomId/messages'),
    );
    expectTraceTree(
      spans.map(toTreeSpan),
      nestRequestTree(
        {
          method: 'POST',
          route: '/rooms/:roomId/messages',
          status: 201,
          controller: 'MessagesController',
          handler: 'post',
        },
        [
          prismaOperation('Room', 'findUnique'),
          prismaOperation('User', 'findUnique'),
          prismaOperation('Message', 'create', [
            dbQuery('sqlite', /^INSERT INTO\s+\S*Message/),
          ]),
        ],
      ),
    );
  });

  it('validation error is no server error', async () => {
    const response = await api.post('/rooms', { name: 42 });

    expect(response.status).toBe(400);
    const spans = await telemetry.waitForSpans((ended) =>
      ended.some((span) => span.name === 'POST /rooms'),
    );
    const server = spans.find((span) => span.name === 'POST /rooms');
    expect(server?.attributes['http.response.status_code']).toBe(400);
    // A 4xx is the client's error, so the server span keeps status UNSET.
    expect(server?.status.code).toBe(SPAN_STATUS_UNSET);
  });
});
