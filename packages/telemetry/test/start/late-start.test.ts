import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { exportEnv, startFixture } from '../support/fixtures.js';

const receiver = useReceiver();

describe('start after the libraries loaded', () => {
  it('names the library and the fix', async () => {
    const fixture = await startFixture('late-start.cjs', { env: exportEnv(receiver()) });

    const exit = await fixture.exited;
    expect(exit.stdout).toContain('started');
    expect(exit.stderr).toContain(
      '@seda/telemetry/sdk warn: express loaded before the SDK started, so the ' +
        'express instrumentation may produce nothing; start telemetry before the ' +
        'application loads them: `node --import @seda/telemetry/register app.js` (ESM)',
    );
  });
});
