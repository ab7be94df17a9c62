import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { exportEnv, startFixture } from '../support/fixtures.js';

const receiver = useReceiver();

// A batch delay far above the test's duration, so only a flush exports, and
// fewer spans than the queue takes (8192 by default), so none is dropped
// for space.
const SLOW_BATCHES = { OTEL_BSP_SCHEDULE_DELAY: '60000', SPAN_COUNT: '2000' };

function burstNames(): Set<string> {
  return new Set(
    receiver()
      .spans()
      .filter((span) => span.name.startsWith('burst '))
      .map((span) => span.name),
  );
}

describe('shutdown', () => {
  it('shutdown() exports every ended span', async () => {
    const fixture = await startFixture('span-burst.mjs', {
      env: exportEnv(receiver(), { ...SLOW_BATCHES, EXIT_MODE: 'shutdown' }),
    });

    const exit = await fixture.exited;
    expect(exit.stdout).toContain('shut down');
    expect(burstNames().size).toBe(2000);
  });

  it('a process ending on its own exports every span', async () => {
    const fixture = await startFixture('span-burst.mjs', {
      env: exportEnv(receiver(), { ...SLOW_BATCHES, EXIT_MODE: 'natural' }),
    });

    const exit = await fixture.exited;
    expect(exit.code).toBe(0);
    expect(burstNames().size).toBe(2000);
  });

  it('SIGTERM flushes, then ends the process as the signal would', async () => {
    const fixture = await startFixture('span-burst.mjs', {
      env: exportEnv(receiver(), { ...SLOW_BATCHES, EXIT_MODE: 'signal' }),
    });
    await fixture.waitForOutput(/waiting for a signal/);

    process.kill(fixture.pid, 'SIGTERM');
    const exit = await fixture.exited;

    expect(exit.signal).toBe('SIGTERM');
    expect(burstNames().size).toBe(2000);
  });

  it('default queue takes 8192 spans', async () => {
    const fixture = await startFixture('span-burst.mjs', {
      env: exportEnv(receiver(), { ...SLOW_BATCHES, SPAN_COUNT: '8000', EXIT_MODE: 'shutdown' }),
    });

    await fixture.exited;
    expect(burstNames().size).toBe(8000);
    const batches = receiver()
      .requests()
      .filter((request) => request.signal === 'traces' && request.itemCount > 0);
    expect(batches.map((request) => request.itemCount)).toEqual([2048, 2048, 2048, 1856]);
  });

  it('counts spans dropped on a full queue', async () => {
    const fixture = await startFixture('span-burst.mjs', {
      env: exportEnv(receiver(), {
        ...SLOW_BATCHES,
        OTEL_BSP_MAX_QUEUE_SIZE: '2048',
        OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '512',
        SPAN_COUNT: '3000',
        EXIT_MODE: 'shutdown',
      }),
    });
    await fixture.exited;

    const processed = receiver()
      .metrics()
      .filter((point) => point.name === 'otel.sdk.processor.span.processed');
    const dropped = processed.filter((point) => point.attributes['error.type'] === 'queue_full');
    const newest = dropped.at(-1)?.value ?? 0;
    expect(newest).toBeGreaterThan(0);
    expect(newest + burstNames().size).toBe(3000);
  });

  it('SIGTERM with a hanging collector ends within the timeout', async () => {
    receiver().setMode('hang');
    const fixture = await startFixture('span-burst.mjs', {
      env: exportEnv(receiver(), {
        ...SLOW_BATCHES,
        EXIT_MODE: 'signal',
        SEDA_TELEMETRY_SHUTDOWN_TIMEOUT: '500',
      }),
    });
    await fixture.waitForOutput(/waiting for a signal/);

    process.kill(fixture.pid, 'SIGTERM');
    const exit = await fixture.exited;

    expect(exit.signal).toBe('SIGTERM');
    expect(exit.timedOut).toBe(false);
    expect(exit.stderr).toContain('shutdown did not finish within 500 ms');
  });
});
