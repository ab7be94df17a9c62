import { afterEach, describe, expect, test } from 'vitest';
import { startApp, type StartOptions } from '../src/app.js';
import { FaultSchedule } from '../src/debug/fault-schedule.js';
import { createSqliteDatabase } from './helpers/databases.js';
import { apiClient, type ApiClient } from './helpers/http.js';

const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(env: StartOptions['env']): Promise<ApiClient> {
  const database = await createSqliteDatabase();
  cleanups.push(() => database.drop());
  const server = await startApp({
    port: 0,
    databaseUrl: database.url,
    env,
    logger: false,
  });
  cleanups.push(() => server.close());
  return apiClient(server.url);
}

async function statuses(api: ApiClient, path: string, count: number) {
  const result: number[] = [];
  for (let index = 0; index < count; index += 1) {
    result.push((await api.get(path)).status);
  }
  return result;
}

describe('FaultSchedule', () => {
  test('fails every fifth request at 0.2', () => {
    const schedule = new FaultSchedule();

    const failed = Array.from({ length: 10 }, () => schedule.next(0.2));

    expect(failed).toEqual([
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  test('never fails at 0 and always at 1', () => {
    const schedule = new FaultSchedule();

    expect(Array.from({ length: 5 }, () => schedule.next(0))).not.toContain(
      true,
    );
    expect(Array.from({ length: 5 }, () => schedule.next(1))).not.toContain(
      false,
    );
  });
});

describe('fault routes', () => {
  test('are not served without DEMO_FAULTS', async () => {
    const api = await start({ DEMO_FAULTS: '0' });

    expect((await api.get('/debug/fail?rate=1')).status).toBe(404);
    expect((await api.get('/debug/unauthorized')).status).toBe(404);
  });

  test('respond 500 to the requested share', async () => {
    const api = await start({ DEMO_FAULTS: '1' });

    const answered = await statuses(api, '/debug/fail?rate=0.2', 20);

    expect(answered.filter((status) => status === 500)).toHaveLength(4);
    expect(answered.filter((status) => status === 200)).toHaveLength(16);
  });

  test('respond 200 at rate 0', async () => {
    const api = await start({ DEMO_FAULTS: '1' });

    const answered = await statuses(api, '/debug/fail?rate=0', 5);

    expect(answered).toEqual([200, 200, 200, 200, 200]);
  });

  test('reject a rate outside 0 to 1', async () => {
    const api = await start({ DEMO_FAULTS: '1' });

    const response = await api.get('/debug/fail?rate=1.5');

    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      'Invalid rate "1.5": use a number from 0 to 1.',
    );
  });

  test('respond 401 to an authentication failure', async () => {
    const api = await start({ DEMO_FAULTS: '1' });

    const response = await api.get('/debug/unauthorized?reason=invalid_token');

    expect(response.status).toBe(401);
  });
});
