import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpCheck } from '../../src/health/checks/http.js';
import type { HealthRegistry } from '../../src/health/registry.js';
import type { HealthCheck } from '../../src/health/types.js';
import { closedPort } from '../support/closed-port.js';
import { testRegistry } from './support/registry.js';
import {
  type LocalServer,
  startHttpServer,
  startSilentServer,
} from './support/servers.js';

const registries: HealthRegistry[] = [];

function registryWith(check: HealthCheck): HealthRegistry {
  const registry = testRegistry({ cacheMillis: 0 });
  registry.register(check);
  registries.push(registry);
  return registry;
}

afterEach(() => {
  for (const registry of registries.splice(0)) registry.stop();
});

describe('httpCheck', () => {
  let server: LocalServer;
  const seen: { method?: string; apikey?: string }[] = [];

  beforeAll(async () => {
    server = await startHttpServer((request, response) => {
      seen.push({
        method: request.method,
        apikey: request.headers.apikey as string,
      });
      const status = Number(
        new URL(request.url ?? '/', 'http://x').searchParams.get('status'),
      );
      response.writeHead(status || 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ name: 'GoTrue', description: 'auth' }));
    });
    return () => server.close();
  });

  it('is up on a 2xx response', async () => {
    const report = await registryWith(
      httpCheck({ url: `${server.url}/auth/v1/health`, name: 'auth' }),
    ).report('deep');

    expect(report.checks.auth?.status).toBe('up');
    expect(report.checks.auth?.kind).toBe('http');
    expect(report.checks.auth?.critical).toBe(false);
    expect(report.checks.auth?.details).toMatchObject({ statusCode: 200 });
  });

  it('names the check after the host by default', () => {
    const check = httpCheck({ url: 'http://127.0.0.1:1/health' });

    expect(check.name).toBe('127.0.0.1');
  });

  it('sends the method and headers given', async () => {
    seen.length = 0;

    await registryWith(
      httpCheck({
        url: `${server.url}/health`,
        name: 'supabase',
        method: 'HEAD',
        headers: { apikey: 'anon-key' },
      }),
    ).report('standard');

    expect(seen).toEqual([{ method: 'HEAD', apikey: 'anon-key' }]);
  });

  it('is down on an unexpected status', async () => {
    const report = await registryWith(
      httpCheck({ url: `${server.url}/health?status=503`, name: 'spotify' }),
    ).report('standard');

    expect(report.status).toBe('degraded');
    expect(report.checks.spotify?.status).toBe('down');
    expect(report.checks.spotify?.error).toBe(
      `GET ${server.url}/health?status=503 returned 503, expected 2xx`,
    );
  });

  it('accepts the expected statuses given', async () => {
    const report = await registryWith(
      httpCheck({
        url: `${server.url}/?status=401`,
        name: 'api',
        expectedStatus: [200, 401],
      }),
    ).report('standard');

    expect(report.checks.api?.status).toBe('up');
  });

  it('accepts a status predicate', async () => {
    const report = await registryWith(
      httpCheck({
        url: `${server.url}/?status=404`,
        name: 'api',
        expectedStatus: (status) => status < 500,
      }),
    ).report('standard');

    expect(report.checks.api?.status).toBe('up');
  });

  it('is critical when asked', async () => {
    const report = await registryWith(
      httpCheck({
        url: `${server.url}/?status=500`,
        name: 'auth',
        critical: true,
      }),
    ).report('standard');

    expect(report.status).toBe('unhealthy');
  });

  it('hides credentials of the URL in the error', async () => {
    const url = `http://user:url-secret@127.0.0.1:${server.port}/health?status=500&token=tok-secret`;

    const report = await registryWith(httpCheck({ url, name: 'api' })).report(
      'standard',
    );

    expect(report.checks.api?.status).toBe('down');
    expect(report.checks.api?.error).not.toContain('url-secret');
    expect(report.checks.api?.error).not.toContain('tok-secret');
  });

  it('is down when nothing listens', async () => {
    const port = await closedPort();

    const report = await registryWith(
      httpCheck({ url: `http://127.0.0.1:${port}/health`, name: 'api' }),
    ).report('standard');

    expect(report.checks.api?.status).toBe('down');
    expect(report.checks.api?.error).toBe(
      `fetch failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('rejects an invalid URL at creation', () => {
    expect(() => httpCheck({ url: 'not a url' })).toThrow(TypeError);
  });

  it('names the invalid URL and the fix', () => {
    expect(() => httpCheck({ url: 'not a url' })).toThrow(
      'httpCheck: invalid url "not a url": expected an absolute http:// or ' +
        'https:// URL',
    );
  });

  it('rejects a missing URL by name', () => {
    const options = { url: undefined } as unknown as { url: string };

    expect(() => httpCheck(options)).toThrow(
      'httpCheck: invalid url "undefined"',
    );
  });

  it('rejects a URL without an HTTP scheme', () => {
    // `localhost:8080` parses as the scheme `localhost:`, and fetch()
    // would fail on every run instead of once at start.
    expect(() => httpCheck({ url: 'localhost:8080/health' })).toThrow(
      'httpCheck: invalid url "localhost:8080/health"',
    );
    expect(() => httpCheck({ url: 'ftp://127.0.0.1/health' })).toThrow(
      TypeError,
    );
  });

  it('hides credentials of an invalid URL', () => {
    let message = '';
    try {
      httpCheck({ url: 'redis://app:hunter2@127.0.0.1/?token=abc' });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain('httpCheck: invalid url');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('abc');
  });
});

describe('httpCheck against a server that never answers', () => {
  let silent: LocalServer;

  beforeAll(async () => {
    silent = await startSilentServer();
    return () => silent.close();
  });

  it('is down by timeout, not a hung probe', async () => {
    const report = await registryWith(
      httpCheck({
        url: `http://127.0.0.1:${silent.port}/health`,
        name: 'api',
        timeoutMillis: 200,
      }),
    ).report('standard');

    expect(silent.connections()).toBeGreaterThan(0);
    expect(report.status).toBe('degraded');
    expect(report.checks.api?.status).toBe('down');
    expect(report.checks.api?.error).toMatch(
      /timed out after 200 ms|aborted due to timeout/,
    );
  });

  it('is down by the registry timeout when the check sets none', async () => {
    const registry = testRegistry({ cacheMillis: 0, timeoutMillis: 150 });
    registries.push(registry);
    registry.register(
      httpCheck({ url: `http://127.0.0.1:${silent.port}/`, name: 'api' }),
    );

    const report = await registry.report('standard');

    expect(report.checks.api?.error).toBe('timed out after 150 ms');
  });
});
