import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createApp, startApp, type RunningApp } from '../src/app.js';
import {
  createPostgresSchema,
  createSqliteDatabase,
  randomSuffix,
  type TestDatabase,
} from './helpers/databases.js';
import { signUp } from './helpers/fixtures.js';
import { apiClient } from './helpers/http.js';
import {
  assertAvailable,
  DEFAULT_POSTGRES_URL,
  probePostgres,
  shouldRun,
} from './helpers/services.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function sqliteDatabase(): Promise<TestDatabase> {
  const database = await createSqliteDatabase();
  cleanups.push(database.drop);
  return database;
}

async function start(databaseUrl: string, extra = {}): Promise<RunningApp> {
  const server = await startApp({
    port: 0,
    databaseUrl,
    env: {},
    logger: false,
    ...extra,
  });
  cleanups.push(server.close);
  return server;
}

describe('startApp', () => {
  test('listens on loopback by default', async () => {
    const database = await sqliteDatabase();

    const server = await start(database.url);

    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(server.url).port).not.toBe('0');
  });

  test('reads PORT when port is unset', async () => {
    const database = await sqliteDatabase();
    const server = await startApp({
      databaseUrl: database.url,
      env: { PORT: '0' },
      logger: false,
    });
    cleanups.push(server.close);

    const response = await apiClient(server.url).get('/health/live');

    expect(response.status).toBe(200);
  });

  test('rejects an invalid PORT', async () => {
    const database = await sqliteDatabase();

    const starting = startApp({
      databaseUrl: database.url,
      env: { PORT: 'eighty' },
      logger: false,
    });

    await expect(starting).rejects.toThrow('Invalid PORT "eighty"');
  });

  test('close runs onShutdown once', async () => {
    const database = await sqliteDatabase();
    const signals: (string | undefined)[] = [];
    const server = await startApp({
      port: 0,
      databaseUrl: database.url,
      env: {},
      logger: false,
      onShutdown: (signal) => {
        signals.push(signal);
      },
    });

    await server.close();

    expect(signals).toEqual([undefined]);
  });

  test('data survives a restart', async () => {
    const database = await sqliteDatabase();
    const first = await startApp({
      port: 0,
      databaseUrl: database.url,
      env: {},
      logger: false,
    });
    const user = await signUp(apiClient(first.url));
    await first.close();

    const second = await start(database.url);
    const response = await apiClient(second.url).post('/users', {
      email: user.email,
      username: `again_${randomSuffix()}`,
      displayName: 'Again',
    });

    expect(response.status).toBe(409);
  });

  test('rejects an unsupported database URL', async () => {
    const creating = createApp({
      databaseUrl: 'mysql://root:secret@127.0.0.1/seda',
      env: {},
      logger: false,
    });

    await expect(creating).rejects.toThrow('Unsupported database URL scheme');
    await expect(creating).rejects.not.toThrow('secret');
  });
});

describe('SIGTERM', () => {
  const fixture = fileURLToPath(
    new URL('./fixtures/sigterm-app.mjs', import.meta.url),
  );
  const builtApp = fileURLToPath(new URL('../dist/app.js', import.meta.url));

  test('closes the built app and runs onShutdown', async () => {
    expect(
      existsSync(builtApp),
      `${builtApp} missing: run the build first`,
    ).toBe(true);
    const database = await sqliteDatabase();
    const child = spawn(process.execPath, [fixture, database.url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const output: string[] = [];
    child.stdout.setEncoding('utf8');
    const listening = new Promise<string>((resolve) => {
      child.stdout.on('data', (chunk: string) => {
        output.push(chunk);
        const match = /listening (\S+)/.exec(output.join(''));
        if (match?.[1] !== undefined) {
          resolve(match[1]);
        }
      });
    });
    const exited = once(child, 'exit');

    const url = await listening;
    const health = await apiClient(url).get('/health/live');
    child.kill('SIGTERM');
    const [code, signal] = await exited;

    expect(health.status).toBe(200);
    expect(output.join('')).toContain('shutdown SIGTERM');
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
  });
});

const postgresUrl = process.env.POSTGRES_TEST_URL ?? DEFAULT_POSTGRES_URL;
const postgres = await probePostgres(postgresUrl);

describe.runIf(shouldRun('PostgreSQL', postgres, process.env))(
  'PostgreSQL lifecycle',
  () => {
    beforeAll(() => assertAvailable('PostgreSQL', postgres));

    test('close releases every connection', async () => {
      const database = createPostgresSchema(postgresUrl);
      cleanups.push(database.drop);
      const applicationName = `example_api_${randomSuffix()}`;
      const url = new URL(database.url);
      url.searchParams.set('application_name', applicationName);
      const server = await startApp({
        port: 0,
        databaseUrl: url.href,
        env: {},
        logger: false,
      });
      await signUp(apiClient(server.url));

      const whileOpen = await countConnections(postgresUrl, applicationName);
      await server.close();
      const afterClose = await countConnections(postgresUrl, applicationName);

      expect(whileOpen).toBeGreaterThan(0);
      expect(afterClose).toBe(0);
    });

    test('tables live in the URL schema', async () => {
      const database = createPostgresSchema(postgresUrl);
      cleanups.push(database.drop);

      await start(database.url);

      const location = await tableLocation(postgresUrl, database.schema);
      expect(location).toBe(`${database.schema}.User`);
    });
  },
);

async function countConnections(
  baseUrl: string,
  applicationName: string,
): Promise<number> {
  const result = await query<{ count: string }>(
    baseUrl,
    'SELECT count(*) FROM pg_stat_activity WHERE application_name = $1',
    [applicationName],
  );
  return Number(result[0]?.count);
}

async function tableLocation(baseUrl: string, schema: string): Promise<string> {
  const result = await query<{ location: string | null }>(
    baseUrl,
    'SELECT to_regclass($1)::text AS location',
    [`"${schema}"."User"`],
  );
  return (result[0]?.location ?? '').replaceAll('"', '');
}

async function query<T extends pg.QueryResultRow>(
  baseUrl: string,
  sql: string,
  values: unknown[],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
