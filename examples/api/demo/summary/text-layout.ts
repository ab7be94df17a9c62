import { styleText } from 'node:util';

/** Alignment of a table column. */
export type Align = 'left' | 'right';

export interface Column {
  title: string;
  /** Default `left`. */
  align?: Align;
}

/**
 * Formats a section: its title underlined, then its lines indented by two
 * spaces. The title is bold only when stdout is a terminal that allows
 * colours, which `styleText` checks.
 */
export function formatSection(title: string, lines: readonly string[]): string {
  const heading = styleText('bold', title);
  const underline = '-'.repeat(title.length);

  return [heading, underline, ...lines.map((line) => `  ${line}`)].join('\n');
}

/** Formats rows as a plain-text table with a header and padded columns. */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = columns.map((column, i) =>
    Math.max(column.title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const formatRow = (cells: readonly string[]) =>
    columns
      .map((column, i) => pad(cells[i] ?? '', widths[i] ?? 0, column.align))
      .join('  ')
      .trimEnd();

  return [
    formatRow(columns.map((column) => column.title)),
    formatRow(widths.map((width) => '-'.repeat(width))),
    ...rows.map(formatRow),
  ];
}

/** Formats a share as a percentage with one decimal, such as `12.5%`. */
export function formatPercent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((part / whole) * 100).toFixed(1)}%`;
}

/** Formats milliseconds with one decimal, or `-` for an unknown value. */
export function formatMillis(millis: number): string {
  return Number.isFinite(millis) ? millis.toFixed(1) : '-';
}

function pad(text: string, width: number, align: Align = 'left'): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}
