import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { requestIds, startLogFixture } from './support.js';

const receiver = useReceiver();

describe.each(['winston', 'pino'])('%s instrumentation switch', (logger) => {
  it('leaves an application logger alone when off', async () => {
    const app = await startLogFixture('own-logger-app.mjs', receiver(), {
      LOGGER: logger,
      LOG_LEVEL: 'info',
      SWITCHED_OFF: 'true',
      OTEL_LOG_LEVEL: 'debug',
    });

    await requestIds(app.url);
    // SIGTERM makes the SDK flush every signal before the process ends.
    await app.fixture.stop();

    expect(
      receiver()
        .spans()
        .some((span) => span.kind === 'SERVER'),
    ).toBe(true);
    expect(app.fixture.stdout()).toContain('level info');
    expect(app.fixture.stdout()).not.toContain('trace_id');
    expect(receiver().logs()).toEqual([]);
    expect(app.fixture.stderr()).toContain(
      `instrumentation ${logger}: switched off by option`,
    );
  });
});
