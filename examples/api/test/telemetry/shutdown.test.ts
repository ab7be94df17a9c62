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
import { createRoom, signUp } from '../helpers/fixtures.js';
import {
  type InstrumentedApp,
  startInstrumentedApp,
} from './support/instrumented-app.js';
import { serverRequestCounts, serverSpans } from './support/received.js';

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

// A message post makes about 20 spans, so two bursts (about 1,000 spans)
// stay well below the default batch queue size of 2,048 and no span is
// dropped.
const BURST_SIZE = 25;

// Batch and metric intervals far above a test's duration, so that only the
// flush at shutdown exports.
const EXPORT_AT_SHUTDOWN_ONLY = {
  OTEL_BSP_SCHEDULE_DELAY: '60000',
  OTEL_METRIC_EXPORT_INTERVAL: '60000',
};

async function start(): Promise<InstrumentedApp> {
  return startInstrumentedApp(receiver, {
    databaseUrl: database.url,
    env: EXPORT_AT_SHUTDOWN_ONLY,
  });
}

/** A message post sent as part of a burst, with its index. */
interface BurstRequest {
  index: number;
  /** Resolves to the status, or to `undefined` when the request failed. */
  status: Promise<number | undefined>;
}

/**
 * Sends `BURST_SIZE` message posts at once, each with its index (counted
 * from `first`) in the query so that its server span can be found.
 */
function sendBurst(
  app: InstrumentedApp,
  room: { roomId: number; userId: number },
  first: number,
): BurstRequest[] {
  return Array.from({ length: BURST_SIZE }, (_, offset) => {
    const index = first + offset;
    const status = fetch(
      `${app.url}/rooms/${room.roomId}/messages?burst=${index}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: room.userId, text: `message ${index}` }),
      },
    ).then(
      (response) => response.status,
      () => undefined,
    );
    return { index, status };
  });
}

/** Returns the indexes of the requests that got a 201, in order. */
async function createdIndexes(requests: BurstRequest[]): Promise<number[]> {
  const statuses = await Promise.all(requests.map((request) => request.status));
  return requests
    .filter((_, position) => statuses[position] === 201)
    .map((request) => request.index);
}

/** Resolves once one of the requests got a 201, and rejects if none does. */
async function firstCreated(requests: BurstRequest[]): Promise<void> {
  await Promise.any(
    requests.map(async (request) => {
      if ((await request.status) !== 201) throw new Error('not created');
    }),
  );
}

async function createRoomForBursts(app: InstrumentedApp) {
  const roomId = await createRoom(app.api);
  const user = await signUp(app.api);
  return { roomId, userId: user.id };
}

/** Starts the app and waits for one burst of message posts. */
async function startWithBurst(): Promise<InstrumentedApp> {
  const app = await start();
  const room = await createRoomForBursts(app);
  await createdIndexes(sendBurst(app, room, 0));
  return app;
}

describe('SIGTERM', () => {
  it('exports spans of every response', async () => {
    const app = await start();
    const room = await createRoomForBursts(app);
    const responded = await createdIndexes(sendBurst(app, room, 0));

    // The signal is sent once one request of a second burst got its
    // response. Nest closes the connections still open, so some of the
    // others may get no response.
    const inFlight = sendBurst(app, room, BURST_SIZE);
    await firstCreated(inFlight);
    const exit = await app.fixture.stop('SIGTERM');
    const respondedInFlight = await createdIndexes(inFlight);

    expect(responded).toHaveLength(BURST_SIZE);
    expect(respondedInFlight.length).toBeGreaterThan(0);
    expect(exit.timedOut).toBe(false);
    const exported = new Set(
      serverSpans(receiver.spans()).map((span) => span.attributes['url.query']),
    );
    const missing = [...responded, ...respondedInFlight].filter(
      (index) => !exported.has(`burst=${index}`),
    );
    expect(missing).toEqual([]);
  });

  it('exports the final metrics', async () => {
    const app = await startWithBurst();

    await app.fixture.stop('SIGTERM');

    expect(serverRequestCounts(receiver.metrics())).toEqual({
      'POST /users 201': 1,
      'POST /rooms 201': 1,
      'POST /rooms/:roomId/messages 201': BURST_SIZE,
    });
  });

  it('disconnects Prisma before the SDK stops', async () => {
    const app = await startWithBurst();

    const exit = await app.fixture.stop('SIGTERM');

    // The SDK drops spans that start after it stopped, so an exported
    // disconnect span shows that Prisma disconnected while it still ran.
    const disconnects = receiver
      .spans()
      .filter((span) => span.name === 'prisma:client:disconnect');
    expect(disconnects).toHaveLength(1);
    expect(exit.stdout).toContain('disconnected from SQLite file');
    expect(exit.stderr).toContain('@seda/telemetry/sdk info: stopped');
  });

  it('ends the process by the signal', async () => {
    const app = await startWithBurst();

    const exit = await app.fixture.stop('SIGTERM');

    // Nest's shutdown hook closes the app, then sends the same signal to
    // its own process again with its listener removed (it exits with
    // code 0 only under `useProcessExit`), so the process dies by SIGTERM.
    expect({ code: exit.code, signal: exit.signal }).toEqual({
      code: null,
      signal: 'SIGTERM',
    });
  });
});
