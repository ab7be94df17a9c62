import { Redis, type RedisOptions } from 'ioredis';
import { createClient } from 'redis';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redisCheck } from '../../src/health/checks/redis.js';
import type { HealthRegistry } from '../../src/health/registry.js';
import { closedPort } from '../support/closed-port.js';
import { testRegistry } from './support/registry.js';
import { type LocalServer, startSilentServer } from './support/servers.js';
import { probeRedis, REDIS_URL, shouldRun } from './support/services.js';

const redis = await probeRedis();
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A registry with a critical check that is always up next to the Redis one. */
function registryWith(check: ReturnType<typeof redisCheck>): HealthRegistry {
  const registry = testRegistry({ cacheMillis: 0 });
  registry.register({
    name: 'database',
    kind: 'custom',
    critical: true,
    run: async () => {},
  });
  registry.register(check);
  cleanups.push(() => registry.stop());
  return registry;
}

function ioredis(url: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, { lazyConnect: true, ...options });
  client.on('error', () => undefined);
  cleanups.push(() => client.disconnect());
  return client;
}

describe.runIf(shouldRun('Redis', redis))(
  'redisCheck on a running Redis',
  () => {
    beforeAll(() => {
      if (!redis.available)
        throw new Error(`Redis is required under CI: ${redis.reason}`);
    });

    it('is up with ioredis', async () => {
      const client = ioredis(REDIS_URL);
      await client.connect();

      const report = await registryWith(redisCheck(client)).report('deep');

      expect(report.status).toBe('healthy');
      expect(report.checks.redis?.status).toBe('up');
      expect(report.checks.redis?.kind).toBe('redis');
      expect(report.checks.redis?.details).toMatchObject({
        connection: 'ready',
      });
      expect(
        report.checks.redis?.details?.latencyMillis,
      ).toBeGreaterThanOrEqual(0);
    });

    it('is up with node-redis', async () => {
      const client = createClient({ url: REDIS_URL });
      client.on('error', () => undefined);
      await client.connect();
      cleanups.push(() => client.destroy());

      const report = await registryWith(redisCheck(client)).report('deep');

      expect(report.checks.redis?.status).toBe('up');
      expect(report.checks.redis?.details).toMatchObject({ ready: true });
    });

    it('is degraded above the latency threshold', async () => {
      const client = ioredis(REDIS_URL);
      await client.connect();

      const report = await registryWith(
        redisCheck(client, { degradedAfterMillis: -1 }),
      ).report('standard');

      expect(report.status).toBe('degraded');
      expect(report.checks.redis?.status).toBe('degraded');
      expect(report.checks.redis?.error).toMatch(
        /^took \d+\.\d ms, above -1 ms$/,
      );
    });
  },
);

describe('redisCheck on an unreachable Redis', () => {
  it('is down by timeout on a closed port with the offline queue', async () => {
    const client = ioredis(`redis://127.0.0.1:${await closedPort()}`);
    void client.connect().catch(() => undefined);

    const report = await registryWith(
      redisCheck(client, { timeoutMillis: 300 }),
    ).report('standard');

    expect(report.status).toBe('degraded');
    expect(report.checks.redis?.status).toBe('down');
    expect(report.checks.redis?.error).toBe('timed out after 300 ms');
  });

  it('is down at once on a closed port without the offline queue', async () => {
    const client = ioredis(`redis://127.0.0.1:${await closedPort()}`, {
      enableOfflineQueue: false,
    });
    await client.connect().catch(() => undefined);

    const report = await registryWith(
      redisCheck(client, { timeoutMillis: 5_000 }),
    ).report('standard');

    expect(report.status).toBe('degraded');
    expect(report.checks.redis?.status).toBe('down');
    expect(report.checks.redis?.error).toMatch(
      /enableOfflineQueue|writeable|closed/i,
    );
    expect(report.checks.redis?.responseTimeMillis).toBeLessThan(5_000);
  });

  it('is down with a node-redis client that cannot connect', async () => {
    const client = createClient({
      url: `redis://127.0.0.1:${await closedPort()}`,
      socket: { reconnectStrategy: false },
    });
    client.on('error', () => undefined);
    await client.connect().catch(() => undefined);

    const report = await registryWith(redisCheck(client)).report('standard');

    expect(report.status).toBe('degraded');
    expect(report.checks.redis?.status).toBe('down');
    expect(report.checks.redis?.error).toMatch(/closed/i);
  });

  describe('a server that accepts and never answers', () => {
    let silent: LocalServer;

    beforeAll(async () => {
      silent = await startSilentServer();
      return () => silent.close();
    });

    it('is down by timeout, not a hung probe', async () => {
      const client = ioredis(`redis://127.0.0.1:${silent.port}`, {
        connectTimeout: 60_000,
      });
      void client.connect().catch(() => undefined);

      const report = await registryWith(
        redisCheck(client, { timeoutMillis: 250 }),
      ).report('standard');

      expect(silent.connections()).toBeGreaterThan(0);
      expect(report.status).toBe('degraded');
      expect(report.checks.redis?.status).toBe('down');
      expect(report.checks.redis?.error).toBe('timed out after 250 ms');
    });
  });
});
