import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../src/report/bench-report.js';
import { renderReport } from '../src/report/markdown.js';
import { FULL_SETTINGS } from '../src/settings.js';

const EMPTY_RUN: BenchReport = {
  settings: FULL_SETTINGS,
  machine: {
    node: '24.21.0',
    cpu: 'test CPU',
    cores: 2,
    memoryGiB: 24,
    os: 'linux',
    loadAverage: 0,
  },
  startedAt: '2026-12-05T00:00:00.000Z',
  durationSeconds: 1,
  census: [],
  load: [],
  cjsStarts: [],
  spanThroughput: [],
  soaks: [],
};

/** Returns the text from the `## ` heading that starts with `title` to the next heading. */
function sectionBody(markdown: string, title: string): string {
  const start = markdown.indexOf(`## ${title}`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const next = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, next === -1 ? undefined : next);
}

describe('renderReport', () => {
  it('marks every part a run left out', () => {
    const markdown = renderReport(EMPTY_RUN);

    for (const title of [
      'HTTP',
      'Start-up',
      'Memory',
      'Modules loaded at start',
      'WebSocket',
      'Export path: spans per second',
      'Export path: soak',
    ]) {
      const body = sectionBody(markdown, title);
      expect(body, title).toContain('Not measured in this run');
      expect(body, title).not.toContain('| --- |');
    }
    expect(markdown).not.toContain('n/a');
  });

  it('marks targets a run did not measure', () => {
    const targets = sectionBody(renderReport(EMPTY_RUN), 'Targets');
    const rows = targets
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.includes('---'));

    // The heading row, then the targets of the rounds. Those of the
    // export path appear only when their parts ran.
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows.slice(1)) {
      expect(row).toMatch(/\| not measured \|$/);
    }
  });

  it('says when no target applies', () => {
    const run = {
      ...EMPTY_RUN,
      settings: { ...FULL_SETTINGS, variants: ['none', 'seda'] as const },
    };

    expect(sectionBody(renderReport(run), 'Targets')).toContain(
      'No target applies',
    );
  });
});
