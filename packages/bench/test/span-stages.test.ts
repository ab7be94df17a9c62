import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../dist/span-stages.js', import.meta.url));
const run = promisify(execFile);

/** Reads the median of the `CPU µs/span` column of each stage row. */
function mediansByStage(table: string): Record<string, number> {
  const medians: Record<string, number> = {};
  for (const line of table.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const stage = cells[1];
    if (stage === undefined || !['create', 'batch', 'export'].includes(stage)) continue;
    medians[stage] = Number.parseFloat(cells[2] ?? '');
  }
  return medians;
}

describe('span stages', () => {
  it('measures each stage of the pipeline', async () => {
    // 10,000 spans fill four batches of 2048, so the exporter runs.
    const { stdout } = await run(
      process.execPath,
      [SCRIPT, '--rounds', '1', '--seconds', '1', '--rate', '10000'],
      { timeout: 120_000 },
    );
    const medians = mediansByStage(stdout);

    expect(Object.keys(medians)).toEqual(['create', 'batch', 'export']);
    for (const median of Object.values(medians)) {
      expect(median).toBeGreaterThan(0);
    }
    expect(medians.export).toBeGreaterThan(medians.create ?? Number.NaN);
  }, 130_000);

  it('rejects an invalid rate', async () => {
    const result = run(process.execPath, [SCRIPT, '--rate', 'fast']);

    await expect(result).rejects.toThrow(/Invalid --rate "fast": use a positive integer/);
  });
});
