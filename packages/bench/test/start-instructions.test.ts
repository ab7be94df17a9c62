import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../dist/start-instructions.js', import.meta.url));
const run = promisify(execFile);

/**
 * Tells whether the count runs: with valgrind on `PATH`, or under CI (`CI`
 * set and not `false`), where a missing valgrind fails it.
 */
function valgrindOrCi(): boolean {
  const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
  const found = spawnSync('valgrind', ['--version']).status === 0;
  if (!found && !ci) console.warn('Skipping the start instruction count: valgrind is not on PATH');
  return found || ci;
}

describe('start instructions', () => {
  it.runIf(valgrindOrCi())('counts the start of the uninstrumented app', async () => {
    const { stdout } = await run(
      process.execPath,
      [SCRIPT, '--variants', 'none', '--system', 'cjs'],
      { timeout: 300_000 },
    );
    const row = /^\| no telemetry \| cjs \| ([\d,]+) \|/m.exec(stdout);
    const millions = Number(row?.[1]?.replaceAll(',', ''));

    // The example API's start alone runs billions of instructions.
    expect(millions).toBeGreaterThan(1_000);
  }, 310_000);

  it('rejects an unknown option', async () => {
    const result = run(process.execPath, [SCRIPT, '--sytem', 'cjs']);

    await expect(result).rejects.toThrow(/Unknown option '--sytem'.*The options are --variants/s);
  });

  it('rejects an unknown module system', async () => {
    const result = run(process.execPath, [SCRIPT, '--system', 'wasm']);

    await expect(result).rejects.toThrow(/Invalid --system "wasm": use esm, cjs or both/);
  });
});
