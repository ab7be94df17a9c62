import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { expectTraceTree } from '@seda/telemetry/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresSchema,
  createSqliteDatabase,
  type TestDatabase,
} from '../helpers/databases.js';
import { createRoom, postMessage, signUp } from '../helpers/fixtures.js';
import {
  assertAvailable,
  DEFAULT_POSTGRES_URL,
  probePostgres,
  shouldRun,
} from '../helpers/services.js';
import { startInstrumentedApp } from './support/instrumented-app.js';
import {
  dbQuery,
  nestRequestTree,
  prismaOperation,
} from './support/nest-trees.js';
import { waitUntilPasses } from './support/received.js';

let receiver: OtlpReceiver;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
});

afterEach(async () => {
  await stopAllFixtures();
  receiver.reset();
});

afterAll(async () => {
  await receiver.close();
});

const MESSAGES_ROUTE = '/rooms/:roomId/messages';

/** Registers the trace tree tests against one database. */
function describeTraceTrees(
  label: string,
  system: string,
  createDatabase: () => Promise<TestDatabase>,
): void {
  describe(`trace trees on ${label}`, () => {
    let database: TestDatabase | undefined;

    beforeAll(async () => {
      database = await createDatabase();
    });

    afterAll(async () => {
      await database?.drop();
    });

    async function startWithRoom() {
      const app = await startInstrumentedApp(receiver, {
        databaseUrl: database!.url,
      });
      const user = await signUp(app.api);
      const roomId = await createRoom(app.api);
      return { app, user, roomId };
    }

    it('message post is one tree', async () => {
      const { app, user, roomId } = await startWithRoom();

      await postMessage(app.api, roomId, user.id, 'hello');

      await waitUntilPasses(receiver, ({ spans }) => {
        expectTraceTree(
          spans,
          nestRequestTree(
            {
              method: 'POST',
              route: MESSAGES_ROUTE,
              status: 201,
              controller: 'MessagesController',
              handler: 'post',
            },
            [
              prismaOperation('Room', 'findUnique'),
              prismaOperation('User', 'findUnique'),
              prismaOperation('Message', 'create', [
                dbQuery(system, /^INSERT INTO\s+\S*Message/),
              ]),
            ],
          ),
        );
      });
    });

    it('history read is one tree', async () => {
      const { app, user, roomId } = await startWithRoom();
      await postMessage(app.api, roomId, user.id, 'hello');

      const history = await app.api.get(`/rooms/${roomId}/messages`);

      expect(history.status).toBe(200);
      await waitUntilPasses(receiver, ({ spans }) => {
        expectTraceTree(
          spans,
          nestRequestTree(
            {
              method: 'GET',
              route: MESSAGES_ROUTE,
              status: 200,
              controller: 'MessagesController',
              handler: 'history',
            },
            [
              prismaOperation('Room', 'findUnique', [
                dbQuery(system, /^SELECT .+ FROM\s+\S*Room\W/),
              ]),
              prismaOperation('Message', 'findMany', [
                dbQuery(system, /^SELECT .+ FROM\s+\S*Message\W/),
              ]),
              prismaOperation('Reaction', 'groupBy', [
                dbQuery(system, /^SELECT COUNT\(\*\).+\S*Reaction\W/),
              ]),
            ],
          ),
        );
      });
    });
  });
}

describeTraceTrees('SQLite', 'sqlite', createSqliteDatabase);

describe('express request handler spans', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createSqliteDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  async function readHistory(env: Record<string, string>): Promise<void> {
    const app = await startInstrumentedApp(receiver, {
      databaseUrl: database.url,
      env,
    });
    const roomId = await createRoom(app.api);
    receiver.reset();

    const history = await app.api.get(`/rooms/${roomId}/messages`);

    expect(history.status).toBe(200);
  }

  it('are left out under traced Nest routes', async () => {
    await readHistory({});

    await waitUntilPasses(receiver, ({ spans }) => {
      const server = expectTraceTree(spans, {
        name: `GET ${MESSAGES_ROUTE}`,
        kind: 'SERVER',
        attributes: { 'http.route': MESSAGES_ROUTE },
        children: [{ name: 'MessagesController.history' }],
      });
      expect(server.children.map((child) => child.span.name)).toEqual([
        'MessagesController.history',
      ]);
    });
    const names = receiver.spans().map((span) => span.name);
    expect(names).not.toContain('request handler');
  });

  it('come back with the NestJS instrumentation off', async () => {
    await readHistory({ OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'nestjs' });

    await waitUntilPasses(receiver, ({ spans }) => {
      expectTraceTree(spans, {
        name: `GET ${MESSAGES_ROUTE}`,
        kind: 'SERVER',
        attributes: { 'http.route': MESSAGES_ROUTE },
        children: [
          {
            name: 'request handler',
            attributes: {
              'express.type': 'request_handler',
              'http.route': MESSAGES_ROUTE,
            },
            children: [{ name: 'prisma:client:operation' }],
          },
        ],
      });
    });
    const names = receiver.spans().map((span) => span.name);
    expect(names).not.toContain('MessagesController.history');
  });
});

const postgresUrl = process.env.POSTGRES_TEST_URL ?? DEFAULT_POSTGRES_URL;
const postgres = await probePostgres(postgresUrl);

describe.runIf(shouldRun('PostgreSQL', postgres, process.env))(
  'PostgreSQL',
  () => {
    beforeAll(() => assertAvailable('PostgreSQL', postgres));

    describeTraceTrees('PostgreSQL', 'postgresql', async () =>
      createPostgresSchema(postgresUrl),
    );
  },
);
