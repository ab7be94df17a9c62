import { afterEach, describe, expect, it } from 'vitest';
import type { HealthRegistry } from '../../src/health/registry.js';
import type { CheckOutcome, HealthCheck } from '../../src/health/types.js';
import { ManualClock, testRegistry } from './support/registry.js';

const registries: HealthRegistry[] = [];

function track(registry: HealthRegistry): HealthRegistry {
  registries.push(registry);
  return registry;
}

afterEach(() => {
  for (const registry of registries.splice(0)) registry.stop();
});

function check(
  name: string,
  outcome:
    CheckOutcome | ((signal: AbortSignal) => Promise<CheckOutcome | void>),
  settings: Partial<HealthCheck> = {},
): HealthCheck {
  return {
    name,
    kind: 'custom',
    run: typeof outcome === 'function' ? outcome : async () => outcome,
    ...settings,
  };
}

/** A check that counts its runs and resolves when `release` is called. */
function gatedCheck(name: string) {
  let runs = 0;
  let release: () => void = () => {};
  const gate = () =>
    new Promise<void>((resolve) => {
      release = resolve;
    });
  return {
    check: check(name, async () => {
      runs += 1;
      await gate();
    }),
    runs: () => runs,
    release: () => release(),
  };
}

describe('overall status', () => {
  it('is healthy when every check is up', async () => {
    const registry = track(testRegistry());
    registry.register(check('a', {})).register(check('b', { status: 'up' }));

    const report = await registry.report('standard');

    expect(report.status).toBe('healthy');
    expect(report.checks.a?.status).toBe('up');
    expect(report.checks.b?.status).toBe('up');
  });

  it('is unhealthy when a critical check is down', async () => {
    const registry = track(testRegistry());
    registry
      .register(
        check('db', { status: 'down', message: 'refused' }, { critical: true }),
      )
      .register(check('cache', {}));

    const report = await registry.report('standard');

    expect(report.status).toBe('unhealthy');
    expect(report.checks.db?.error).toBe('refused');
  });

  it('is degraded when a non-critical check is down', async () => {
    const registry = track(testRegistry());
    registry
      .register(check('db', {}, { critical: true }))
      .register(
        check('cache', async () => Promise.reject(new Error('refused'))),
      );

    const report = await registry.report('standard');

    expect(report.status).toBe('degraded');
    expect(report.checks.cache?.status).toBe('down');
    expect(report.checks.cache?.error).toBe('refused');
  });

  it('is degraded when a critical check is degraded', async () => {
    const registry = track(testRegistry());
    registry.register(
      check('db', { status: 'degraded', message: 'slow' }, { critical: true }),
    );

    const report = await registry.report('standard');

    expect(report.status).toBe('degraded');
    expect(report.checks.db?.error).toBe('slow');
  });

  it('treats a check that throws synchronously as down', async () => {
    const registry = track(testRegistry());
    registry.register({
      name: 'sync',
      kind: 'custom',
      run: () => {
        throw new Error('thrown before any promise');
      },
    });

    const report = await registry.report('standard');

    expect(report.checks.sync?.status).toBe('down');
    expect(report.checks.sync?.error).toBe('thrown before any promise');
  });

  it('treats an unknown status as down', async () => {
    const registry = track(testRegistry());
    registry.register(check('odd', { status: 'fine' as never }));

    const report = await registry.report('standard');

    expect(report.checks.odd?.status).toBe('down');
    expect(report.checks.odd?.error).toBe('the check returned status fine');
  });

  it('carries identity and timing fields', async () => {
    const registry = track(
      testRegistry({ version: '1.2.3', environment: 'staging' }),
    );
    registry.register(check('a', {}));

    const report = await registry.report('standard');

    expect(report.version).toBe('1.2.3');
    expect(report.environment).toBe('staging');
    expect(report.uptimeSeconds).toBeGreaterThan(0);
    expect(Date.parse(report.timestamp)).not.toBeNaN();
    expect(report.checks.a?.responseTimeMillis).toBeGreaterThanOrEqual(0);
    expect(Date.parse(report.checks.a?.checkedAt ?? '')).not.toBeNaN();
  });
});

describe('scopes', () => {
  function scopedRegistry(): HealthRegistry {
    const registry = track(testRegistry());
    return registry
      .register(check('db', { details: { pool: 3 } }, { critical: true }))
      .register(check('cache', {}))
      .register(
        check(
          'tables',
          { details: { rows: 9 } },
          { critical: true, deep: true },
        ),
      );
  }

  it('standard leaves out deep checks and details', async () => {
    const report = await scopedRegistry().report('standard');

    expect(Object.keys(report.checks)).toEqual(['db', 'cache']);
    expect(report.checks.db?.details).toBeUndefined();
  });

  it('ready runs the critical standard checks only', async () => {
    const report = await scopedRegistry().report('ready');

    expect(Object.keys(report.checks)).toEqual(['db']);
  });

  it('deep runs every check with details', async () => {
    const report = await scopedRegistry().report('deep');

    expect(Object.keys(report.checks)).toEqual(['db', 'cache', 'tables']);
    expect(report.checks.db?.details).toEqual({ pool: 3 });
    expect(report.checks.tables?.details).toEqual({ rows: 9 });
  });

  it('liveness runs no check', () => {
    let runs = 0;
    const registry = track(testRegistry());
    registry.register(
      check('db', async () => {
        runs += 1;
      }),
    );

    const body = registry.liveness();

    expect(body.status).toBe('healthy');
    expect(runs).toBe(0);
  });
});

describe('timeouts', () => {
  it('reports a hanging check as down after its limit', async () => {
    const registry = track(testRegistry());
    let aborted: unknown;
    registry.register(
      check(
        'hangs',
        (signal) =>
          new Promise<void>(() => {
            signal.addEventListener('abort', () => {
              aborted = signal.reason;
            });
          }),
        { timeoutMillis: 50 },
      ),
    );

    const report = await registry.report('standard');

    expect(report.checks.hangs?.status).toBe('down');
    expect(report.checks.hangs?.error).toBe('timed out after 50 ms');
    expect(String(aborted)).toContain('timed out after 50 ms');
  });

  it('ignores a result that comes after the timeout', async () => {
    const registry = track(testRegistry({ cacheMillis: 60_000 }));
    let finish: () => void = () => {};
    registry.register(
      check(
        'late',
        () =>
          new Promise<CheckOutcome>((resolve) => {
            finish = () => resolve({ status: 'up' });
          }),
        { timeoutMillis: 30 },
      ),
    );

    const first = await registry.report('standard');
    finish();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await registry.report('standard');

    expect(first.checks.late?.status).toBe('down');
    expect(second.checks.late?.status).toBe('down');
    expect(registry.latestResults()[0]?.status).toBe('down');
  });

  it('uses the registry timeout for checks without one', async () => {
    const registry = track(testRegistry({ timeoutMillis: 40 }));
    registry.register(check('hangs', () => new Promise<void>(() => {})));

    const report = await registry.report('standard');

    expect(report.checks.hangs?.error).toBe('timed out after 40 ms');
  });

  it('runs checks concurrently, not one after another', async () => {
    const registry = track(testRegistry());
    const started: string[] = [];
    const gates: (() => void)[] = [];
    for (const name of ['a', 'b', 'c']) {
      registry.register(
        check(name, async () => {
          started.push(name);
          await new Promise<void>((resolve) => gates.push(resolve));
        }),
      );
    }

    const report = registry.report('standard');
    await new Promise((resolve) => setImmediate(resolve));
    const startedBeforeAnyEnded = [...started];
    for (const open of gates) open();
    await report;

    expect(startedBeforeAnyEnded).toEqual(['a', 'b', 'c']);
  });
});

describe('cache and single flight', () => {
  it('runs a check once for 100 concurrent probes', async () => {
    const registry = track(testRegistry({ cacheMillis: 0 }));
    const gated = gatedCheck('db');
    registry.register(gated.check);

    const probes = Array.from({ length: 100 }, () =>
      registry.report('standard'),
    );
    await new Promise((resolve) => setImmediate(resolve));
    gated.release();
    const reports = await Promise.all(probes);

    expect(gated.runs()).toBe(1);
    expect(reports.every((report) => report.checks.db?.status === 'up')).toBe(
      true,
    );
  });

  it('reuses a result within the cache interval', async () => {
    const clock = new ManualClock();
    const registry = track(testRegistry({ cacheMillis: 1_000 }, clock));
    let runs = 0;
    registry.register(
      check('db', async () => {
        runs += 1;
      }),
    );

    await registry.report('standard');
    clock.advance(999);
    await registry.report('standard');

    expect(runs).toBe(1);
  });

  it('never serves a result as old as the cache interval', async () => {
    const clock = new ManualClock();
    const registry = track(testRegistry({ cacheMillis: 1_000 }, clock));
    let runs = 0;
    registry.register(
      check('db', async () => {
        runs += 1;
        return { details: { run: runs } };
      }),
    );

    const first = await registry.report('deep');
    clock.advance(1_000);
    const second = await registry.report('deep');

    expect(first.checks.db?.details).toEqual({ run: 1 });
    expect(second.checks.db?.details).toEqual({ run: 2 });
    expect(Date.parse(second.checks.db?.checkedAt ?? '')).toBe(clock.wall());
  });

  it('measures the age from the end of a slow run', async () => {
    const clock = new ManualClock();
    const registry = track(testRegistry({ cacheMillis: 1_000 }, clock));
    let runs = 0;
    registry.register(
      check('slow', async () => {
        runs += 1;
        clock.advance(5_000);
      }),
    );

    await registry.report('standard');
    clock.advance(500);
    await registry.report('standard');

    expect(runs).toBe(1);
  });

  it('with cache 0 runs again for each sequential probe', async () => {
    const registry = track(testRegistry({ cacheMillis: 0 }));
    let runs = 0;
    registry.register(
      check('db', async () => {
        runs += 1;
      }),
    );

    await registry.report('standard');
    await registry.report('standard');
    await registry.report('ready');

    expect(runs).toBe(2);
  });

  it('shares one run between the standard and deep reports', async () => {
    const registry = track(testRegistry({ cacheMillis: 0 }));
    const gated = gatedCheck('db');
    registry.register(gated.check);

    const both = Promise.all([
      registry.report('standard'),
      registry.report('deep'),
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    gated.release();
    await both;

    expect(gated.runs()).toBe(1);
  });
});

describe('registration', () => {
  it('rejects a duplicate name', () => {
    const registry = track(testRegistry());
    registry.register(check('db', {}));

    expect(() => registry.register(check('db', {}))).toThrow(
      'health: a check named db is already registered',
    );
  });

  it.each([[''], ['has space'], ['x'.repeat(65)], ['quote"']])(
    'rejects the name %j',
    (name) => {
      const registry = track(testRegistry());

      expect(() => registry.register(check(name, {}))).toThrow(TypeError);
    },
  );

  it('rejects a check without run', () => {
    const registry = track(testRegistry());

    expect(() =>
      registry.register({ name: 'x', kind: 'y' } as HealthCheck),
    ).toThrow('health: a check needs a run(signal) function');
  });

  it('unregisters and closes a check', async () => {
    const registry = track(testRegistry());
    let closed = 0;
    registry.register(check('db', {}, { close: () => void (closed += 1) }));

    const removed = registry.unregister('db');
    const report = await registry.report('standard');

    expect(removed).toBe(true);
    expect(closed).toBe(1);
    expect(report.checks).toEqual({});
  });

  it('closes every check on stop', () => {
    const registry = testRegistry();
    let closed = 0;
    registry.register(check('a', {}, { close: () => void (closed += 1) }));
    registry.register(check('b', {}, { close: () => void (closed += 1) }));

    registry.stop();
    registry.stop();

    expect(closed).toBe(2);
  });
});
