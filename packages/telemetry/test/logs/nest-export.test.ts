import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { requestIds, startLogFixture, waitForLine } from './support.js';

const receiver = useReceiver();

describe.each(['winston', 'pino'])(
  'Nest app logging through NestLogger over %s',
  (logger) => {
    it("exports Nest's logs and a request log with the request span", async () => {
      const app = await startLogFixture('nest-app.mjs', receiver(), {
        LOGGER: logger,
      });

      const ids = await requestIds(`${app.url}/rooms`);

      const line = await waitForLine(app.lines, 'listing rooms');
      expect(line).toMatchObject({
        context: 'RoomsController',
        page: 1,
        trace_id: ids.traceId,
        span_id: ids.spanId,
      });
      const started = app
        .lines()
        .find(
          (entry) => entry.message === 'Nest application successfully started',
        );
      expect(started?.context).toBe('NestApplication');
      const record = await receiver().waitFor(({ logs }) =>
        logs.find((entry) => entry.body === 'listing rooms'),
      );
      expect(record.traceId).toBe(ids.traceId);
      expect(record.spanId).toBe(ids.spanId);
      expect(record.attributes).toMatchObject({
        context: 'RoomsController',
        page: 1,
      });
    });

    it('logs an unhandled handler error with its stack', async () => {
      const app = await startLogFixture('nest-app.mjs', receiver(), {
        LOGGER: logger,
      });

      await fetch(`${app.url}/fail`);

      const line = await waitForLine(app.lines, 'handler failed');
      expect(line.level).toBe('error');
      expect(line.context).toBe('ExceptionsHandler');
      expect(line.err).toMatchObject({
        name: 'Error',
        message: 'handler failed',
      });
      const record = await receiver().waitFor(({ logs }) =>
        logs.find((entry) => entry.body === 'handler failed'),
      );
      expect(record.severityNumber).toBe(17);
      expect(record.attributes['exception.message']).toBe('handler failed');
      expect(record.attributes['exception.stacktrace']).toMatch(
        /^Error: handler failed\n\s+at /,
      );
    });
  },
);

describe('SDK diagnostics', () => {
  it('go through the logger when the adapter routes them', async () => {
    receiver().setMode('reject');
    const app = await startLogFixture('nest-app.mjs', receiver(), {
      SDK_DIAGNOSTICS: 'true',
    });

    await requestIds(`${app.url}/rooms`);

    const failed = await expectEventually(() =>
      app
        .lines()
        .find(
          (line) =>
            line.component === '@seda/telemetry/sdk' && line.level === 'error',
        ),
    );
    expect(String(failed.message)).toContain('export failed');
    expect(app.fixture.stderr()).not.toContain('export failed');
    expect(app.fixture.stderr()).toContain('@seda/telemetry/sdk info: started');
  });

  it('stay on stderr by default', async () => {
    receiver().setMode('reject');
    const app = await startLogFixture('nest-app.mjs', receiver());

    await requestIds(`${app.url}/rooms`);

    await expectEventually(() =>
      app.fixture.stderr().includes('@seda/telemetry/sdk error: export failed'),
    );
    expect(app.lines().some((line) => line.component !== undefined)).toBe(
      false,
    );
  });
});

async function expectEventually<T>(
  check: () => T | undefined | false,
  timeoutMillis = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`not met within ${timeoutMillis} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
