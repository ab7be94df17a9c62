import type { ReceivedSpan } from '@seda/test-utils';
import { formatSection, formatTable } from './text-layout.js';

export const SPANS_BY_NAME_TITLE = 'Spans by name';

/** Counts spans per name, most frequent first, then by name. */
export function countSpansByName(
  spans: readonly ReceivedSpan[],
): [string, number][] {
  const counts = new Map<string, number>();

  for (const span of spans) {
    counts.set(span.name, (counts.get(span.name) ?? 0) + 1);
  }
  return [...counts.entries()].sort(
    ([nameA, countA], [nameB, countB]) =>
      countB - countA || nameA.localeCompare(nameB),
  );
}

export function formatSpansByName(spans: readonly ReceivedSpan[]): string {
  const rows = countSpansByName(spans).map(([name, count]) => [
    String(count),
    name,
  ]);
  const table = formatTable(
    [{ title: 'spans', align: 'right' }, { title: 'name' }],
    rows,
  );

  return formatSection(SPANS_BY_NAME_TITLE, [
    ...table,
    `${spans.length} spans in ${rows.length} names`,
  ]);
}
