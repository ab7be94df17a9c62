import { describe, expect, it } from 'vitest';
import { exportEnv, startFixture, startServerFixture } from '../support/fixtures.js';
import { useReceiver } from '../support/receiver.js';

const receiver = useReceiver();

describe('signals', () => {
  it('flushes before an application re-raises SIGTERM', async () => {
    const { fixture, url } = await startServerFixture('reraise-app.mjs', {
      env: exportEnv(receiver(), {
        OTEL_BSP_SCHEDULE_DELAY: '60000',
        OTEL_METRIC_EXPORT_INTERVAL: '60000',
      }),
    });
    await fetch(`${url}/rooms/1`);

    process.kill(fixture.pid, 'SIGTERM');
    const exit = await fixture.exited;

    expect(exit.stdout).toContain('application closed');
    expect(exit.signal).toBe('SIGTERM');
    expect(receiver().spans().filter((span) => span.kind === 'SERVER')).toHaveLength(1);
    const durations = receiver().metrics().filter((point) => point.name === 'http.server.request.duration');
    expect(durations.at(-1)?.count).toBe(1);
  });

  it('can be switched off by the environment', async () => {
    const fixture = await startFixture('span-burst.mjs', {
      env: exportEnv(receiver(), {
        EXIT_MODE: 'signal',
        SEDA_TELEMETRY_SHUTDOWN_SIGNALS: 'false',
        OTEL_BSP_SCHEDULE_DELAY: '60000',
      }),
    });
    await fixture.waitForOutput(/waiting for a signal/);

    process.kill(fixture.pid, 'SIGTERM');
    const exit = await fixture.exited;

    expect(exit.signal).toBe('SIGTERM');
    expect(receiver().spans()).toEqual([]);
  });
});

describe('hanging collector', () => {
  it('lets a process end on its own within the bound', async () => {
    receiver().setMode('hang');
    const fixture = await startFixture('span-burst.mjs', {
      env: exportEnv(receiver(), {
        EXIT_MODE: 'natural',
        SPAN_COUNT: '10',
        SEDA_TELEMETRY_SHUTDOWN_TIMEOUT: '300',
      }),
      // An OTLP request left at its 10 s default would keep the child alive
      // past this; with the 300 ms bound it ends in about a second.
      timeoutMillis: 5_000,
    });

    const exit = await fixture.exited;

    expect(exit.timedOut).toBe(false);
    expect(exit.code).toBe(0);
    expect(exit.stderr).toContain('Request timed out');
  });
});
