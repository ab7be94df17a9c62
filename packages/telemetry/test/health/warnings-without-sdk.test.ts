import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureDiagLines } from '../support/stderr.js';
import { createHealthEndpoints } from '../../src/health/http/endpoints.js';
import { createHealthRegistry } from '../../src/health/create.js';
import type { HealthRegistry } from '../../src/health/registry.js';

// The health registry works without `startTelemetry`, and then no
// diagnostic logger is installed: the warnings must still reach stderr.
let stderr: ReturnType<typeof captureDiagLines>;
let registry: HealthRegistry | undefined;

beforeEach(() => {
  stderr = captureDiagLines();
});

afterEach(() => {
  registry?.stop();
  stderr.restore();
});

describe('option warnings without the SDK', () => {
  it('writes an invalid registry option to stderr', () => {
    registry = createHealthRegistry({ cacheMillis: -5 });

    expect(stderr.lines().join('\n')).toMatch(
      /@seda\/telemetry\/health warn: options\.cacheMillis=-5 is invalid: expected .*; using 5000/,
    );
  });

  it('writes an invalid check timeout to stderr', () => {
    registry = createHealthRegistry();
    registry.register({
      name: 'cache',
      kind: 'custom',
      timeoutMillis: 0,
      run: async () => ({ status: 'up' }),
    });

    expect(stderr.lines().join('\n')).toContain(
      'check cache: timeoutMillis=0 is invalid: expected a number of at least 1',
    );
  });

  it('writes an invalid endpoint variable to stderr', () => {
    registry = createHealthRegistry();
    createHealthEndpoints(registry, {}, { SEDA_HEALTH_DEEP: 'maybe' });

    expect(stderr.lines().join('\n')).toContain('SEDA_HEALTH_DEEP="maybe" is invalid');
  });
});
