import {
  type OtlpReceiver,
  startOtlpReceiver,
  stopAllFixtures,
} from '@seda/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createSqliteDatabase,
  randomSuffix,
  type TestDatabase,
} from '../helpers/databases.js';
import { createRoom, postMessage, signUp } from '../helpers/fixtures.js';
import {
  type InstrumentedApp,
  startInstrumentedApp,
} from './support/instrumented-app.js';
import {
  latestSeries,
  serverRequestCounts,
  waitUntilPasses,
} from './support/received.js';
import { sendInBatches } from './support/requests.js';

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

const DURATION = 'http.server.request.duration';

function start(): Promise<InstrumentedApp> {
  return startInstrumentedApp(receiver, { databaseUrl: database.url });
}

describe('http.server.request.duration', () => {
  it('every endpoint reports its route', async () => {
    const { api } = await start();
    const user = await signUp(api);
    const roomId = await createRoom(api);

    const room = await api.get(`/rooms/${roomId}`);
    const join = await api.post(`/rooms/${roomId}/join`, { userId: user.id });
    const messageId = await postMessage(api, roomId, user.id, 'hi');
    const history = await api.get(`/rooms/${roomId}/messages`);
    const reaction = await api.post(`/messages/${messageId}/reactions`, {
      userId: user.id,
      type: 'fire',
    });
    const health = await api.get('/health/live');

    expect(
      [room, join, history, reaction, health].map(
        (response) => response.status,
      ),
    ).toEqual([200, 201, 200, 201, 200]);
    // Health checks are left out of traces and metrics by default.
    await waitUntilPasses(receiver, ({ metrics }) => {
      expect(serverRequestCounts(metrics)).toEqual({
        'POST /users 201': 1,
        'POST /rooms 201': 1,
        'GET /rooms/:id 200': 1,
        'POST /rooms/:id/join 201': 1,
        'POST /rooms/:roomId/messages 201': 1,
        'GET /rooms/:roomId/messages 200': 1,
        'POST /messages/:messageId/reactions 201': 1,
      });
    });
  });

  it('200 room ids share one series', async () => {
    const { api } = await start();

    const roomIds = await sendInBatches(200, 20, () => createRoom(api));
    const statuses = await sendInBatches(200, 20, async (index) => {
      const response = await api.get(`/rooms/${roomIds[index]}`);
      return response.status;
    });

    expect(new Set(roomIds).size).toBe(200);
    expect(new Set(statuses)).toEqual(new Set([200]));
    await waitUntilPasses(receiver, ({ metrics }) => {
      expect(serverRequestCounts(metrics)).toEqual({
        'POST /rooms 201': 200,
        'GET /rooms/:id 200': 200,
      });
    });
    expect(latestSeries(receiver.metrics(), DURATION)).toHaveLength(2);
  });

  it('unknown paths share one route', async () => {
    const { api } = await start();

    const statuses = await sendInBatches(50, 10, async () => {
      const response = await api.get(`/${randomSuffix()}/${randomSuffix()}`);
      return response.status;
    });

    expect(new Set(statuses)).toEqual(new Set([404]));
    await waitUntilPasses(receiver, ({ metrics }) => {
      expect(serverRequestCounts(metrics)).toEqual({ 'GET unmatched 404': 50 });
    });
  });

  it('validation errors count as 400', async () => {
    const { api } = await start();
    const user = await signUp(api);
    const roomId = await createRoom(api);

    const rejected = await Promise.all([
      api.post('/rooms', { name: 42 }),
      api.post('/rooms', { name: 'extra', owner: 'nobody' }),
      api.post('/users', {}),
      api.get('/rooms/abc'),
      api.get('/rooms/99999999999'),
      api.get(`/rooms/${roomId}/messages?limit=0`),
      api.post(`/rooms/${roomId}/messages`, { userId: user.id, text: '' }),
      api.post(`/rooms/${roomId}/join`, { userId: 'me' }),
    ]);

    expect(rejected.map((response) => response.status)).toEqual(
      Array(8).fill(400),
    );
    await waitUntilPasses(receiver, ({ metrics }) => {
      expect(serverRequestCounts(metrics)).toEqual({
        'POST /users 201': 1,
        'POST /rooms 201': 1,
        'POST /rooms 400': 2,
        'POST /users 400': 1,
        'GET /rooms/:id 400': 2,
        'GET /rooms/:roomId/messages 400': 1,
        'POST /rooms/:roomId/messages 400': 1,
        'POST /rooms/:id/join 400': 1,
      });
    });
    const errorTypes = latestSeries(receiver.metrics(), DURATION).map(
      (point) => point.attributes['error.type'],
    );
    expect(errorTypes.filter((type) => type !== undefined)).toEqual([]);
  });
});

describe('http.client.request.duration', () => {
  it('leaves out collector exports', async () => {
    const { api } = await start();
    await signUp(api);

    await waitUntilPasses(receiver, ({ metrics }) => {
      expect(serverRequestCounts(metrics)).toEqual({ 'POST /users 201': 1 });
    });
    const collectorPort = Number(new URL(receiver.url).port);
    const exportPoints = latestSeries(
      receiver.metrics(),
      'http.client.request.duration',
    ).filter((point) => point.attributes['server.port'] === collectorPort);

    // The app itself sends no HTTP request, so every client point for the
    // collector's port comes from the SDK's own OTLP exports.
    expect(exportPoints.map((point) => point.attributes)).toEqual([]);
  });
});
