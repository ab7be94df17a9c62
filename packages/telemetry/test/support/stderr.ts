import { vi } from 'vitest';

/**
 * Records the lines the SDK's diagnostic logger writes to stderr from now
 * on, and still writes them.
 */
export function captureDiagLines(): { lines(): string[]; restore(): void } {
  const written: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  const spy = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk));
      return original(chunk, ...(rest as []));
    });
  return {
    lines: () =>
      written
        .join('')
        .split('\n')
        .filter((line) => line !== ''),
    restore: () => spy.mockRestore(),
  };
}
