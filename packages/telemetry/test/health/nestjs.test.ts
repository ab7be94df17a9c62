import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthRegistry } from '../../src/health/registry.js';
import type { HealthCheck } from '../../src/health/types.js';
import {
  HealthModule,
  type HealthModuleOptions,
} from '../../src/nestjs/health/health.module.js';
import { HEALTH_REGISTRY } from '../../src/nestjs/health/tokens.js';

const apps: INestApplication[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

const check = (
  name: string,
  outcome: 'up' | 'down',
  settings: Partial<HealthCheck> = {},
): HealthCheck => ({
  name,
  kind: 'custom',
  run: async () =>
    outcome === 'up'
      ? { details: { rows: 1 } }
      : Promise.reject(new Error(`redis://:nest-secret@cache:6379 refused`)),
  ...settings,
});

class TestAppModule {}

async function startNest(
  health: ReturnType<typeof HealthModule.forRoot>,
): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(
    { module: TestAppModule, imports: [health] },
    new ExpressAdapter(),
    { logger: false, abortOnError: false },
  );
  apps.push(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

function forRoot(options: HealthModuleOptions) {
  return HealthModule.forRoot({
    intervalMillis: 0,
    cacheMillis: 0,
    ...options,
  });
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: JSON.parse(text),
  };
}

describe('HealthModule', () => {
  it('serves every route with its status code', async () => {
    const { url } = await startNest(
      forRoot({
        version: '3.1.0',
        environment: 'test',
        checks: [check('db', 'up', { critical: true }), check('cache', 'down')],
      }),
    );

    const health = await get(`${url}/health`);
    const live = await get(`${url}/health/live`);
    const ready = await get(`${url}/health/ready`);
    const deep = await get(`${url}/health/deep`);

    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'degraded',
      version: '3.1.0',
      environment: 'test',
      checks: { db: { status: 'up' }, cache: { status: 'down' } },
    });
    expect(health.headers.get('cache-control')).toBe('no-store');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('healthy');
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.checks)).toEqual(['db']);
    expect(deep.status).toBe(200);
    expect(deep.body.checks.db.details).toEqual({ rows: 1 });
  });

  it('answers 503 when a critical check is down', async () => {
    const { url } = await startNest(
      forRoot({ checks: [check('db', 'down', { critical: true })] }),
    );

    const health = await get(`${url}/health`);
    const ready = await get(`${url}/health/ready`);
    const live = await get(`${url}/health/live`);

    expect(health.status).toBe(503);
    expect(health.body.status).toBe('unhealthy');
    expect(ready.status).toBe(503);
    expect(live.status).toBe(200);
  });

  it('keeps secrets of errors out of the body', async () => {
    const { url } = await startNest(
      forRoot({ checks: [check('cache', 'down')] }),
    );

    const health = await get(`${url}/health`);

    expect(health.text).not.toContain('nest-secret');
    expect(health.body.checks.cache.error).toBe(
      'redis://REDACTED:REDACTED@cache:6379 refused',
    );
  });

  it('turns the deep endpoint off', async () => {
    const { url } = await startNest(
      forRoot({ checks: [check('db', 'up')], deep: { enabled: false } }),
    );

    const deep = await get(`${url}/health/deep`);

    expect(deep.status).toBe(404);
  });

  it('protects the deep endpoint with a token', async () => {
    const { url } = await startNest(
      forRoot({ checks: [check('db', 'up')], deep: { token: 'nest-token' } }),
    );

    const missing = await get(`${url}/health/deep`);
    const wrong = await get(`${url}/health/deep`, {
      authorization: 'Bearer other',
    });
    const right = await get(`${url}/health/deep`, {
      authorization: 'Bearer nest-token',
    });

    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe(
      'Bearer realm="health"',
    );
    expect(wrong.status).toBe(401);
    expect(right.status).toBe(200);
  });

  it('builds checks from injected providers with forRootAsync', async () => {
    const dependency = { ping: async () => 'PONG' };
    class DependencyModule {}
    const { url } = await startNest(
      HealthModule.forRootAsync({
        imports: [
          {
            module: DependencyModule,
            providers: [{ provide: 'CACHE', useValue: dependency }],
            exports: ['CACHE'],
          },
        ],
        inject: ['CACHE'],
        useFactory: (cache: typeof dependency) => ({
          intervalMillis: 0,
          checks: [
            {
              name: 'cache',
              kind: 'redis',
              critical: true,
              run: async () => {
                await cache.ping();
              },
            },
          ],
        }),
      }),
    );

    const health = await get(`${url}/health`);

    expect(health.status).toBe(200);
    expect(health.body.checks.cache).toMatchObject({
      status: 'up',
      kind: 'redis',
    });
  });

  it('exposes the registry to register more checks', async () => {
    const { app, url } = await startNest(forRoot({}));
    const registry = app.get<HealthRegistry>(HEALTH_REGISTRY);

    registry.register(check('late', 'down', { critical: true }));
    const health = await get(`${url}/health`);

    expect(health.status).toBe(503);
    expect(Object.keys(health.body.checks)).toEqual(['late']);
  });

  it('stops the registry when the app closes', async () => {
    let closed = 0;
    const { app } = await startNest(
      forRoot({
        checks: [check('db', 'up', { close: () => void (closed += 1) })],
      }),
    );

    await app.close();
    apps.splice(apps.indexOf(app), 1);

    expect(closed).toBe(1);
  });
});
