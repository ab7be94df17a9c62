import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTelemetry } from '../../src/start.js';
import type { TelemetryOptions } from '../../src/types.js';

// A failure before the diagnostic logger is installed must still be
// reported, since the global logger drops everything until then.
let written: string[];

beforeEach(() => {
  written = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
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
    expect(written.join('')).toContain(
      '@seda/telemetry/sdk error: failed to start, so telemetry is disabled: Error: options unreadable',
    );
  });
});
