import { diag } from '@opentelemetry/api';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresCheck } from '../../src/health/checks/postgres.js';
import {
  createHealthHandler,
  type HealthHandlerOptions,
} from '../../src/health/http/handler.js';
import type { HealthRegistry } from '../../src/health/registry.js';
import type { HealthCheck } from '../../src/health/types.js';
import { closedPort } from '../support/closed-port.js';
import { captureDiagLines } from './support/diag-lines.js';
import { testRegistry } from './support/registry.js';
import { type LocalServer, startHttpServer } from './support/servers.js';

const servers: LocalServer[] = [];
const registries: HealthRegistry[] = [];

afterEach(async () => {
  for (const registry of registries.splice(0)) registry.stop();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const up = (
  name: string,
  settings: Partial<HealthCheck> = {},
): HealthCheck => ({
  name,
  kind: 'custom',
  run: async () => ({ details: { answer: 42 } }),
  ...settings,
});

const down = (
  name: string,
  message: string,
  settings: Partial<HealthCheck> = {},
): HealthCheck => ({
  name,
  kind: 'custom',
  run: async () => Promise.reject(new Error(message)),
  ...settings,
});

async function serve(
  checks: HealthCheck[],
  options: HealthHandlerOptions = {},
  env: Record<string, string> = {},
): Promise<string> {
  const registry = testRegistry({
    cacheMillis: 0,
    version: '2.0.0',
    environment: 'test',
  });
  for (const check of checks) registry.register(check);
  registries.push(registry);
  const server = await startHttpServer(
    createHealthHandler(registry, options, env),
  );
  servers.push(server);
  return server.url;
}

async function get(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text ? JSON.parse(text) : undefined,
  };
}

describe('createHealthHandler routes', () => {
  it('serves /health with 200 when healthy', async () => {
    const url = await serve([up('db', { critical: true })]);

    const response = await get(`${url}/health`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/json; charset=utf-8',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toMatchObject({
      status: 'healthy',
      version: '2.0.0',
      environment: 'test',
      checks: { db: { status: 'up', kind: 'custom', critical: true } },
    });
    expect(response.body.checks.db.details).toBeUndefined();
    expect(typeof response.body.uptimeSeconds).toBe('number');
    expect(typeof response.body.timestamp).toBe('string');
  });

  it('serves /health with 200 when degraded', async () => {
    const url = await serve([
      up('db', { critical: true }),
      down('cache', 'refused'),
    ]);

    const response = await get(`${url}/health`);

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('degraded');
    expect(response.body.checks.cache).toMatchObject({
      status: 'down',
      error: 'refused',
    });
  });

  it('serves /health with 503 when unhealthy', async () => {
    const url = await serve([
      down('db', 'refused', { critical: true }),
      up('cache'),
    ]);

    const response = await get(`${url}/health`);

    expect(response.status).toBe(503);
    expect(response.body.status).toBe('unhealthy');
  });

  it('serves /health/live without running a check', async () => {
    let runs = 0;
    const url = await serve([
      {
        name: 'db',
        kind: 'custom',
        critical: true,
        run: async () => void (runs += 1),
      },
    ]);

    const response = await get(`${url}/health/live`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'healthy',
      version: '2.0.0',
    });
    expect(response.body.checks).toBeUndefined();
    expect(runs).toBe(0);
  });

  it('serves /health/ready from the critical checks', async () => {
    const url = await serve([
      up('db', { critical: true }),
      down('cache', 'refused'),
    ]);

    const response = await get(`${url}/health/ready`);

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('healthy');
    expect(Object.keys(response.body.checks)).toEqual(['db']);
  });

  it('serves /health/ready with 503 when a critical check is down', async () => {
    const url = await serve([down('db', 'refused', { critical: true })]);

    const response = await get(`${url}/health/ready`);

    expect(response.status).toBe(503);
  });

  it('serves /health/deep with the deep checks and details', async () => {
    const url = await serve([
      up('db', { critical: true }),
      up('tables', { deep: true }),
    ]);

    const standard = await get(`${url}/health`);
    const deep = await get(`${url}/health/deep`);

    expect(Object.keys(standard.body.checks)).toEqual(['db']);
    expect(deep.status).toBe(200);
    expect(Object.keys(deep.body.checks)).toEqual(['db', 'tables']);
    expect(deep.body.checks.tables.details).toEqual({ answer: 42 });
  });

  it('accepts a query string and a trailing slash', async () => {
    const url = await serve([up('db')]);

    const response = await get(`${url}/health/ready/?probe=kubelet`);

    expect(response.status).toBe(200);
  });

  it('runs a check once for 100 concurrent probes', async () => {
    let runs = 0;
    let arrived = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const registry = testRegistry({ cacheMillis: 0 });
    registries.push(registry);
    registry.register({
      name: 'db',
      kind: 'custom',
      critical: true,
      run: async () => {
        runs += 1;
        await gate;
      },
    });
    const handler = createHealthHandler(registry, {}, {});
    const server = await startHttpServer((request, response) => {
      arrived += 1;
      handler(request, response);
    });
    servers.push(server);

    const probes = Array.from({ length: 100 }, () =>
      get(`${server.url}/health`),
    );
    while (arrived < 100)
      await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    const responses = await Promise.all(probes);

    expect(runs).toBe(1);
    expect(responses.every((response) => response.status === 200)).toBe(true);
  });

  it('answers HEAD without a body', async () => {
    const url = await serve([down('db', 'refused', { critical: true })]);

    const response = await get(`${url}/health`, { method: 'HEAD' });

    expect(response.status).toBe(503);
    expect(response.text).toBe('');
  });

  it('rejects other methods with 405', async () => {
    const url = await serve([up('db')]);

    const response = await get(`${url}/health`, { method: 'POST' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404 outside its paths', async () => {
    const url = await serve([up('db')]);

    const response = await get(`${url}/healthz`);

    expect(response.status).toBe(404);
  });

  it('serves under another base path', async () => {
    const url = await serve([up('db')], { basePath: '/internal/health/' });

    const moved = await get(`${url}/internal/health/ready`);
    const old = await get(`${url}/health/ready`);

    expect(moved.status).toBe(200);
    expect(old.status).toBe(404);
  });
});

describe('createHealthHandler as middleware', () => {
  it('serves its paths and passes the rest to next', async () => {
    const registry = testRegistry();
    registries.push(registry);
    registry.register(up('db'));
    const handler = createHealthHandler(registry, {}, {});
    const server = await startHttpServer((request, response) =>
      handler(request, response, () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"rooms":[]}');
      }),
    );
    servers.push(server);

    const health = await get(`${server.url}/health`);
    const rooms = await get(`${server.url}/rooms`);

    expect(health.body.status).toBe('healthy');
    expect(rooms.body).toEqual({ rooms: [] });
  });
});

describe('/health/deep protection', () => {
  it('answers 404 when turned off', async () => {
    const url = await serve([up('db')], { deep: { enabled: false } });

    const response = await get(`${url}/health/deep`);
    const standard = await get(`${url}/health`);

    expect(response.status).toBe(404);
    expect(standard.status).toBe(200);
  });

  it('is turned off by SEDA_HEALTH_DEEP=false', async () => {
    const url = await serve([up('db')], {}, { SEDA_HEALTH_DEEP: 'false' });

    expect((await get(`${url}/health/deep`)).status).toBe(404);
  });

  it('requires the bearer token when one is set', async () => {
    const url = await serve([up('db')], { deep: { token: 'deep-token-1' } });

    const missing = await get(`${url}/health/deep`);
    const wrong = await get(`${url}/health/deep`, {
      headers: { authorization: 'Bearer deep-token-2' },
    });
    const longer = await get(`${url}/health/deep`, {
      headers: { authorization: 'Bearer deep-token-1x' },
    });
    const right = await get(`${url}/health/deep`, {
      headers: { authorization: 'Bearer deep-token-1' },
    });

    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe(
      'Bearer realm="health"',
    );
    expect(missing.text).not.toContain('deep-token');
    expect(wrong.status).toBe(401);
    expect(longer.status).toBe(401);
    expect(right.status).toBe(200);
    expect(right.body.checks.db.details).toEqual({ answer: 42 });
  });

  it('reads the token from SEDA_HEALTH_DEEP_TOKEN', async () => {
    const url = await serve(
      [up('db')],
      {},
      { SEDA_HEALTH_DEEP_TOKEN: 'from-env' },
    );

    const missing = await get(`${url}/health/deep`);
    const right = await get(`${url}/health/deep`, {
      headers: { authorization: 'bearer from-env' },
    });

    expect(missing.status).toBe(401);
    expect(right.status).toBe(200);
  });

  it('leaves the other endpoints open', async () => {
    const url = await serve([up('db')], { deep: { token: 'deep-token-1' } });

    expect((await get(`${url}/health`)).status).toBe(200);
    expect((await get(`${url}/health/ready`)).status).toBe(200);
    expect((await get(`${url}/health/live`)).status).toBe(200);
  });
});

describe('error text in responses', () => {
  let lines: string[];

  beforeAll(() => {
    lines = captureDiagLines();
    return () => diag.disable();
  });

  it('keeps a password out of the body and puts it in the log', async () => {
    const url = await serve([
      down(
        'db',
        'password authentication failed for postgresql://app:body-secret-pw@db:5432/seda',
        { critical: true },
      ),
    ]);

    const response = await get(`${url}/health`);

    expect(response.status).toBe(503);
    expect(response.text).not.toContain('body-secret-pw');
    expect(response.body.checks.db.error).toBe(
      'password authentication failed for postgresql://REDACTED:REDACTED@db:5432/seda',
    );
    const logged = lines.filter((line) =>
      line.includes('check db (custom) is down'),
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('body-secret-pw');
    expect(logged[0]).toMatch(/^@seda\/telemetry\/health warn: /);
  });

  it('keeps the password of an unreachable database out of the body', async () => {
    const port = await closedPort();
    const pool = new pg.Pool({
      connectionString: `postgresql://app:pool-secret-pw@127.0.0.1:${port}/seda`,
    });
    pool.on('error', () => undefined);

    try {
      const url = await serve([postgresCheck({ client: pool, deep: false })]);
      const response = await get(`${url}/health`);

      expect(response.status).toBe(503);
      expect(response.body.status).toBe('unhealthy');
      expect(response.body.checks.postgresql.status).toBe('down');
      expect(response.text).not.toContain('pool-secret-pw');
    } finally {
      await pool.end();
    }
  });

  it('sanitises strings in details', async () => {
    const url = await serve([
      {
        name: 'custom',
        kind: 'custom',
        run: async () => ({
          details: {
            dsn: 'redis://:detail-secret@cache:6379',
            nested: [{ token: 'token=t0k' }],
          },
        }),
      },
    ]);

    const response = await get(`${url}/health/deep`);

    expect(response.text).not.toContain('detail-secret');
    expect(response.text).not.toContain('t0k');
    expect(response.body.checks.custom.details.dsn).toBe(
      'redis://REDACTED:REDACTED@cache:6379',
    );
  });
});
