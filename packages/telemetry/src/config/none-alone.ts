import type { IssueCollector } from './issues.js';

/**
 * `none` means no exporter or propagator at all, so it cannot be combined
 * with other entries: the combination is reported and `none` wins.
 */
export function noneAlone<T extends string>(
  source: string,
  entries: readonly T[],
  issues: IssueCollector,
): readonly T[] {
  if (!entries.includes('none' as T) || entries.length === 1) return entries;

  issues.add({
    source,
    value: entries.join(','),
    expected: '`none` alone or a list without `none`',
    fallback: 'none',
  });
  return ['none' as T];
}
