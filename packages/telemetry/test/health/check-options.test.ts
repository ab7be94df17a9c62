import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureDiagLines } from '../support/stderr.js';
import { eventLoopCheck } from '../../src/health/checks/event-loop.js';
import { memoryCheck } from '../../src/health/checks/memory.js';
import { postgresCheck } from '../../src/health/checks/postgres.js';
import type { HealthCheck } from '../../src/health/types.js';
import { testRegistry } from './support/registry.js';

// Out-of-range numbers fall back to their default with a warning on stderr.
// A check that cannot work at all fails at creation, naming the option.
let stderr: ReturnType<typeof captureDiagLines>;
const checks: HealthCheck[] = [];

beforeEach(() => {
  stderr = captureDiagLines();
});

afterEach(() => {
  for (const check of checks.splice(0)) check.close?.();
  stderr.restore();
});

describe('eventLoopCheck options', () => {
  it('replaces a resolution below 1 ms', () => {
    checks.push(eventLoopCheck({ resolutionMillis: 0 }));

    expect(stderr.lines().join('\n')).toContain(
      'eventLoopCheck: resolutionMillis=0 is invalid: expected a whole number of at least 1; using 20',
    );
  });
});

describe('memoryCheck options', () => {
  it('replaces a ratio above 1', async () => {
    const root = await mkdtemp(join(tmpdir(), 'health-options-'));
    try {
      // RSS at 90% of the limit: degraded by the default 0.85, whereas a
      // threshold of 5 taken as given would leave the check up.
      const limit = Math.floor(process.memoryUsage().rss / 0.9);
      await writeFile(join(root, 'memory.max'), String(limit));
      const registry = testRegistry({ cacheMillis: 0 });
      registry.register(memoryCheck({ cgroupRoot: root, degradedAboveRatio: 5 }));

      const report = await registry.report('deep');
      registry.stop();

      expect(stderr.lines().join('\n')).toContain(
        'memoryCheck: degradedAboveRatio=5 is invalid: expected a share of the limit above 0 and at most 1',
      );
      expect(report.checks.memory?.status).not.toBe('up');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('postgresCheck options', () => {
  it('rejects a missing client', () => {
    expect(() => postgresCheck({} as never)).toThrow(
      /postgresCheck: invalid client undefined: pass \{ client: pool \}/,
    );
  });
});
