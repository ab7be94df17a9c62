import { describe, expect, it } from 'vitest';
import { exportEnv, startFixture } from '../support/fixtures.js';
import { useReceiver } from '../support/receiver.js';

const receiver = useReceiver();

describe('application instrumentation added after start', () => {
  it('patches its library and exports its spans', async () => {
    const fixture = await startFixture('late-instrumentation/app.cjs', {
      env: exportEnv(receiver()),
    });

    const exit = await fixture.exited;

    expect(exit.stdout).toContain('hello, seda');
    expect(exit.stdout).toContain('stopped');
    const [span] = await receiver().waitForSpans({ name: 'greet' });
    expect(span?.scope.name).toBe('greeter-instrumentation');
  });
});
