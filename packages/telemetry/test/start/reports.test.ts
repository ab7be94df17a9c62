import { describe, expect, it } from 'vitest';
import { exportEnv, startFixture } from '../support/fixtures.js';
import { useReceiver } from '../support/receiver.js';

const receiver = useReceiver();

describe('start report', () => {
  it('redacts credentials in the endpoints it prints', async () => {
    const endpoint = receiver().url.replace('http://', 'http://otlpuser:otlp-pass-secret@');
    const fixture = await startFixture('credentials-app.mjs', {
      env: exportEnv(receiver(), {
        OTEL_EXPORTER_OTLP_ENDPOINT: `${endpoint}/?api_key=endpoint-query-secret`,
      }),
    });

    const exit = await fixture.exited;

    expect(exit.stderr).toContain('http://REDACTED:REDACTED@127.0.0.1');
    expect(exit.stderr).not.toContain('otlp-pass-secret');
    expect(exit.stderr).not.toContain('endpoint-query-secret');
  });

  it('reports a library outside the supported range', async () => {
    const fixture = await startFixture('old-library/app.cjs', {
      env: exportEnv(receiver(), { OTEL_LOG_LEVEL: 'debug' }),
    });

    const exit = await fixture.exited;

    expect(exit.stdout).toContain('stopped');
    expect(exit.stderr).toMatch(
      /ioredis 99\.0\.0 is outside the range >=2\.0\.0 <7 of the ioredis instrumentation, so it is not instrumented/,
    );
    expect(exit.stderr).toMatch(/debug: instrumented express 5\.\d+\.\d+/);
  });
});

describe('service identity', () => {
  it('skips a package.json without a name', async () => {
    const fixture = await startFixture('nameless/out/app.js', { env: exportEnv(receiver()) });

    await fixture.exited;

    const [span] = await receiver().waitForSpans({ name: 'work' });
    expect(span?.resource['service.name']).toBe('nameless-fixture-app');
    expect(span?.resource['service.version']).toBe('3.1.4');
  });
});
