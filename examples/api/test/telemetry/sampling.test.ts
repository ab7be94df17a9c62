import {
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import {
  buildTraceTrees,
  expectTraceTree,
  type TraceTreeNode,
} from '@seda/telemetry/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createSqliteDatabase,
  type TestDatabase,
} from '../helpers/databases.js';
import { createRoom, postMessage, signUp } from '../helpers/fixtures.js';
import {
  type InstrumentedApp,
  startInstrumentedApp,
} from './support/instrumented-app.js';
import {
  dbQuery,
  nestRequestTree,
  prismaOperation,
} from './support/nest-trees.js';
import {
  prismaOperationCounts,
  serverRequestCounts,
  waitUntilPasses,
} from './support/received.js';
import { callerSpan } from './support/trace-context.js';

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

function start(sampler: string): Promise<InstrumentedApp> {
  return startInstrumentedApp(receiver, {
    databaseUrl: database.url,
    env: { OTEL_TRACES_SAMPLER: sampler },
  });
}

/** Posts a room as a caller whose span `traceparent` names. */
async function createRoomAs(
  app: InstrumentedApp,
  traceparent: string,
): Promise<Response> {
  return fetch(`${app.url}/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent },
    body: JSON.stringify({ name: 'traced' }),
  });
}

/** Roots of the spans that the app's start and shutdown make. */
const LIFECYCLE_ROOTS = new Set([
  'Create Nest App',
  'prisma:client:disconnect',
]);

/**
 * Lists every span outside the traces of the app's start and shutdown, as
 * `<name> <trace id>`.
 */
function requestSpanTraces(spans: readonly ReceivedSpan[]): string[] {
  const trees = buildTraceTrees(spans).filter(
    (tree) => !LIFECYCLE_ROOTS.has(tree.span.name),
  );
  const flatten = (node: TraceTreeNode<ReceivedSpan>): ReceivedSpan[] => [
    node.span,
    ...node.children.flatMap(flatten),
  ];
  return trees.flatMap(flatten).map((span) => `${span.name} ${span.traceId}`);
}

const CREATE_ROOM = {
  method: 'POST',
  route: '/rooms',
  status: 201,
  controller: 'RoomsController',
  handler: 'create',
};

describe('always_off', () => {
  it('still counts every request', async () => {
    const { api } = await start('always_off');

    const user = await signUp(api);
    const roomId = await createRoom(api);
    await postMessage(api, roomId, user.id, 'one');
    await postMessage(api, roomId, user.id, 'two');
    await api.get(`/rooms/${roomId}/messages`);

    await waitUntilPasses(receiver, ({ metrics }) => {
      expect(serverRequestCounts(metrics)).toEqual({
        'POST /users 201': 1,
        'POST /rooms 201': 1,
        'POST /rooms/:roomId/messages 201': 2,
        'GET /rooms/:roomId/messages 200': 1,
      });
      expect(prismaOperationCounts(metrics)).toEqual({
        'User create': 1,
        'Room create': 1,
        'Room findUnique': 3,
        'User findUnique': 2,
        'Message create': 2,
        'Message findMany': 1,
        'Reaction groupBy': 1,
      });
    });
  });

  it('exports no span at all', async () => {
    const { api, fixture } = await start('always_off');
    const user = await signUp(api);
    const roomId = await createRoom(api);
    await postMessage(api, roomId, user.id, 'one');

    // SIGTERM makes the SDK flush whatever it still holds.
    await fixture.stop();

    expect(serverRequestCounts(receiver.metrics())).toEqual({
      'POST /users 201': 1,
      'POST /rooms 201': 1,
      'POST /rooms/:roomId/messages 201': 1,
    });
    expect(receiver.spans().map((span) => span.name)).toEqual([]);
  });
});

describe('parentbased_always_on', () => {
  it('unsampled caller gets no spans', async () => {
    const app = await start('parentbased_always_on');
    const unsampled = callerSpan(false);
    const marker = callerSpan(true);

    const created = await createRoomAs(app, unsampled.traceparent);
    const { id } = (await created.json()) as { id: number };
    const read = await fetch(`${app.url}/rooms/${id}`, {
      headers: { traceparent: marker.traceparent },
    });
    await app.fixture.stop();

    expect(created.status).toBe(201);
    expect(read.status).toBe(200);
    const traces = requestSpanTraces(receiver.spans());
    // The sampled read after the unsampled request shows that the SDK
    // flushed everything up to it, so no span of the request was left out.
    expect(traces).toContain(`GET /rooms/:id ${marker.traceId}`);
    expect(traces.filter((entry) => !entry.endsWith(marker.traceId))).toEqual(
      [],
    );
  });

  it('sampled caller owns the whole tree', async () => {
    const app = await start('parentbased_always_on');
    const caller = callerSpan(true);

    const created = await createRoomAs(app, caller.traceparent);

    expect(created.status).toBe(201);
    await waitUntilPasses(receiver, ({ spans }) => {
      const tree = expectTraceTree(
        spans.filter((span) => span.traceId === caller.traceId),
        nestRequestTree(CREATE_ROOM, [
          prismaOperation('Room', 'create', [
            dbQuery('sqlite', /^INSERT INTO\s+\S*Room\W/),
          ]),
        ]),
      );
      expect(tree.span.parentSpanId).toBe(caller.spanId);
    });
    await app.fixture.stop();

    const traces = requestSpanTraces(receiver.spans());
    expect(traces.filter((entry) => !entry.endsWith(caller.traceId))).toEqual(
      [],
    );
  });
});
