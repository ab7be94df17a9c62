import { type OtlpReceiver, startOtlpReceiver, stopAllFixtures } from '@seda/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportEnv, startFixture } from '../support/fixtures.js';

let receiver: OtlpReceiver;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
});

afterAll(async () => {
  await stopAllFixtures();
  await receiver.close();
});

describe('start after the libraries loaded', () => {
  it('names the library and the fix', async () => {
    const fixture = await startFixture('late-start.cjs', { env: exportEnv(receiver) });

    const exit = await fixture.exited;
    expect(exit.stdout).toContain('started');
    expect(exit.stderr).toContain(
      '@seda/telemetry/sdk warn: express loaded before the SDK started, so the ' +
        'express instrumentation may produce nothing; start telemetry before the ' +
        'application loads them: `node --import @seda/telemetry/register app.js` (ESM)',
    );
  });
});
