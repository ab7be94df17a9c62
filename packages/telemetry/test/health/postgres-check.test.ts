import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresCheck } from '../../src/health/checks/postgres.js';
import type { HealthRegistry } from '../../src/health/registry.js';
import type { HealthCheck } from '../../src/health/types.js';
import { closedPort } from '../support/closed-port.js';
import { testRegistry } from './support/registry.js';
import { type LocalServer, startSilentServer } from './support/servers.js';
import { POSTGRES_URL, probePostgres, shouldRun } from './support/services.js';

const postgres = await probePostgres();
const suffix = randomBytes(4).toString('hex');
const pools: pg.Pool[] = [];
const registries: HealthRegistry[] = [];

function pool(config: pg.PoolConfig = {}): pg.Pool {
  const created = new pg.Pool({ connectionString: POSTGRES_URL, ...config });
  created.on('error', () => undefined);
  pools.push(created);
  return created;
}

function registryWith(check: HealthCheck): HealthRegistry {
  const registry = testRegistry({ cacheMillis: 0 });
  registry.register(check);
  registries.push(registry);
  return registry;
}

afterEach(() => {
  for (const registry of registries.splice(0)) registry.stop();
});

afterAll(async () => {
  await Promise.all(pools.map((each) => each.end()));
});

interface TableRow {
  schema: string;
  table: string;
  bytes: number;
  estimatedRows: number | null;
}

describe.runIf(shouldRun('PostgreSQL', postgres))(
  'postgresCheck on a running PostgreSQL',
  () => {
    const schema = `health_test_${suffix}`;
    let admin: pg.Pool;

    beforeAll(async () => {
      if (!postgres.available)
        throw new Error(`PostgreSQL is required under CI: ${postgres.reason}`);
      admin = pool({ max: 1 });
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await admin.query(`CREATE TABLE "${schema}".big (id int, body text)`);
      await admin.query(`CREATE TABLE "${schema}".small (id int)`);
      await admin.query(
        `INSERT INTO "${schema}".big SELECT g, repeat('x', 200) FROM generate_series(1, 2000) g`,
      );
      await admin.query(`INSERT INTO "${schema}".small VALUES (1)`);
      await admin.query(`ANALYZE "${schema}".big`);
      return async () => {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      };
    });

    it('is up with pool usage, connections and table sizes', async () => {
      const queries = pool({ max: 3 });

      const report = await registryWith(
        postgresCheck({ client: queries, schemas: [schema] }),
      ).report('deep');
      const check = report.checks.postgresql;
      const details = check?.details as Record<string, any>;

      expect(report.status).toBe('healthy');
      expect(check?.status).toBe('up');
      expect(check?.kind).toBe('postgresql');
      expect(check?.critical).toBe(true);
      expect(details.pool).toMatchObject({ waiting: 0, max: 3 });
      expect(details.pool.total).toBeGreaterThanOrEqual(1);
      expect(details.connections.total).toBeGreaterThanOrEqual(1);
      expect(details.connections.active).toBeGreaterThanOrEqual(1);
      expect(details.connections.maxConnections).toBeGreaterThan(0);
      expect(details.tables.databaseBytes).toBeGreaterThan(0);

      const tables = details.tables.largest as TableRow[];
      expect(tables.map((table) => table.table)).toEqual(['big', 'small']);
      expect(tables[0]?.schema).toBe(schema);
      expect(tables[0]?.bytes).toBeGreaterThan(tables[1]?.bytes ?? Infinity);
      expect(tables[0]?.estimatedRows).toBe(2000);
    });

    it('lists the tables of the current schema by default', async () => {
      const inSchema = pool({ max: 1, options: `-c search_path=${schema}` });

      const report = await registryWith(
        postgresCheck({ client: inSchema }),
      ).report('deep');
      const tables = (report.checks.postgresql?.details as any).tables
        .largest as TableRow[];

      expect(tables.map((table) => `${table.schema}.${table.table}`)).toEqual([
        `${schema}.big`,
        `${schema}.small`,
      ]);
    });

    it('limits the tables listed', async () => {
      const report = await registryWith(
        postgresCheck({
          client: pool({ max: 1 }),
          schemas: [schema],
          maxTables: 1,
        }),
      ).report('deep');
      const tables = (report.checks.postgresql?.details as any).tables
        .largest as TableRow[];

      expect(tables.map((table) => table.table)).toEqual(['big']);
    });

    it('works with a single pg.Client and reports no pool', async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();

      try {
        const report = await registryWith(
          postgresCheck({ client, schemas: [schema] }),
        ).report('deep');
        const details = report.checks.postgresql?.details as Record<
          string,
          unknown
        >;

        expect(report.checks.postgresql?.status).toBe('up');
        expect(details.pool).toBeUndefined();
        expect(details.connections).toBeDefined();
      } finally {
        await client.end();
      }
    });

    it('is degraded while clients wait for the pool', async () => {
      const saturated = pool({ max: 1 });
      const held = await saturated.connect();
      const queued = saturated.query('SELECT 1');

      try {
        const report = await registryWith(
          postgresCheck({
            client: pool({ max: 1 }),
            pool: saturated,
            schemas: [schema],
          }),
        ).report('deep');

        expect(report.status).toBe('degraded');
        expect(report.checks.postgresql?.status).toBe('degraded');
        expect(report.checks.postgresql?.error).toBe(
          '1 clients are waiting for a pool connection',
        );
        expect((report.checks.postgresql?.details as any).pool.waiting).toBe(1);
      } finally {
        held.release();
        await queued;
      }
    });

    it('is degraded above the connection ratio', async () => {
      const report = await registryWith(
        postgresCheck({
          client: pool({ max: 1 }),
          schemas: [schema],
          connectionsDegradedAboveRatio: 0,
        }),
      ).report('deep');

      expect(report.checks.postgresql?.status).toBe('degraded');
      expect(report.checks.postgresql?.error).toMatch(
        /^\d+ of \d+ server connections are in use$/,
      );
    });

    it('reports a failing section in its place', async () => {
      const report = await registryWith(
        postgresCheck({
          client: pool({ max: 1 }),
          schemas: [schema],
          maxTables: -1,
        }),
      ).report('deep');
      const details = report.checks.postgresql?.details as Record<string, any>;

      expect(report.checks.postgresql?.status).toBe('up');
      expect(details.tables.error).toMatch(/LIMIT must not be negative/);
      expect(details.connections.total).toBeGreaterThanOrEqual(1);
    });

    describe('pg_stat_statements in a database of its own', () => {
      const database = `seda_health_${suffix}`;
      let own: pg.Pool;
      let preloaded: boolean;

      beforeAll(async () => {
        await admin.query(`CREATE DATABASE ${database}`);
        const url = new URL(POSTGRES_URL);
        url.pathname = `/${database}`;
        own = pool({ connectionString: url.href, max: 1 });
        const { rows } = await own.query('SHOW shared_preload_libraries');
        preloaded = String(rows[0]?.shared_preload_libraries).includes(
          'pg_stat_statements',
        );
        return async () => {
          await own.end();
          pools.splice(pools.indexOf(own), 1);
          await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        };
      });

      it('says not available without the extension', async () => {
        const report = await registryWith(
          postgresCheck({ client: own }),
        ).report('deep');
        const statements = (report.checks.postgresql?.details as any)
          .slowStatements;

        expect(report.checks.postgresql?.status).toBe('up');
        expect(statements.available).toBe(false);
        expect(statements.reason).toMatch(
          /^the pg_stat_statements extension is not installed/,
        );
      });

      it('reads the extension once it is created', async () => {
        await own.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
        await own.query('SELECT pg_sleep(0.05)');

        const report = await registryWith(
          postgresCheck({ client: own, slowStatementMillis: 20 }),
        ).report('deep');
        const statements = (report.checks.postgresql?.details as any)
          .slowStatements;

        expect(report.checks.postgresql?.status).toBe('up');
        if (preloaded) {
          expect(statements.available).toBe(true);
          expect(statements.count).toBeGreaterThanOrEqual(1);
          expect(statements.slowest[0].query).toMatch(/pg_sleep/);
          expect(statements.slowest[0].meanMillis).toBeGreaterThan(20);
        } else {
          // The library is loaded only at server start, which these tests
          // cannot change, so the view exists but cannot be read.
          expect(statements.available).toBe(false);
          expect(statements.reason).toMatch(
            /^pg_stat_statements cannot be read: .*shared_preload_libraries/,
          );
        }
      });
    });
  },
);

describe('postgresCheck on an unreachable PostgreSQL', () => {
  let silent: LocalServer;

  beforeAll(async () => {
    silent = await startSilentServer();
    return () => silent.close();
  });

  it('is down and unhealthy on a closed port', async () => {
    const port = await closedPort();
    const unreachable = pool({
      connectionString: `postgresql://app:pg-secret-pw@127.0.0.1:${port}/test`,
    });

    const report = await registryWith(
      postgresCheck({ client: unreachable }),
    ).report('deep');

    expect(report.status).toBe('unhealthy');
    expect(report.checks.postgresql?.status).toBe('down');
    expect(report.checks.postgresql?.error).toMatch(/ECONNREFUSED/);
  });

  it('is down by timeout when the server never answers', async () => {
    const hanging = pool({
      connectionString: `postgresql://app@127.0.0.1:${silent.port}/test`,
    });

    const report = await registryWith(
      postgresCheck({ client: hanging, timeoutMillis: 250 }),
    ).report('deep');

    expect(silent.connections()).toBeGreaterThan(0);
    expect(report.status).toBe('unhealthy');
    expect(report.checks.postgresql?.error).toBe('timed out after 250 ms');
  });
});
