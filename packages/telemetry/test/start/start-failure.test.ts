import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureDiagLines } from '../support/stderr.js';
import { startTelemetry } from '../../src/start.js';
import type { TelemetryOptions } from '../../src/types.js';

// A failure before the diagnostic logger is installed must still be
// reported, since the global logger drops everything until then.
let stderr: ReturnType<typeof captureDiagLines>;

beforeEach(() => {
  stderr = captureDiagLines();
});

afterEach(() => {
  stderr.restore();
});

describe('a failed start', () => {
  it('writes the cause to stderr', () => {
    const options = {
      get serviceName(): string {
        throw new Error('options unreadable');
      },
    } as TelemetryOptions;

    const handle = startTelemetry(options);

    expect(handle.enabled).toBe(false);
    expect(stderr.lines().join('\n')).toContain(
      '@seda/telemetry/sdk error: failed to start, so telemetry is disabled: Error: options unreadable',
    );
  });
});
