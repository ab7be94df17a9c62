import { styleText } from 'node:util';
import type { LineRecord } from './line.js';

type Style = Parameters<typeof styleText>[0];

/** Causes printed under an error, so that a cause cycle cannot loop. */
const MAX_CAUSES = 10;

/** Level colours, by the level names of npm, syslog and pino. */
const LEVEL_STYLES: Readonly<Record<string, Style>> = {
  emerg: 'magenta',
  alert: 'magenta',
  crit: 'magenta',
  fatal: 'magenta',
  error: 'red',
  warning: 'yellow',
  warn: 'yellow',
  notice: 'cyan',
  info: 'green',
  http: 'blue',
  verbose: 'blue',
  debug: 'blue',
  silly: 'gray',
  trace: 'gray',
};

/**
 * Formats a record for a person at a terminal: time, level, message, the
 * context as `key=value` pairs, then the stacks of an `err` field and its
 * causes. It adds ANSI colours only when `colours` is true, which the
 * caller decides from the terminal.
 */
export function formatPrettyLine(record: LineRecord, colours: boolean): string {
  const paint = (style: Style, text: string) =>
    colours ? styleText(style, text, { validateStream: false }) : text;
  const { err, ...context } = record.fields;
  const time = record.timestamp.slice(11, 23);
  const level = record.level.toUpperCase().padEnd(5);
  const pairs = Object.entries(context).map(
    ([key, value]) => `${paint('dim', `${key}=`)}${formatValue(value)}`,
  );

  const head = [
    paint('dim', time),
    paint(LEVEL_STYLES[record.level] ?? 'white', level),
    record.message,
    ...pairs,
  ].join(' ');
  return `${head}${formatStack(err, paint)}\n`;
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function formatStack(
  err: unknown,
  paint: (style: Style, text: string) => string,
): string {
  let text = '';
  let current = err as { stack?: unknown; cause?: unknown } | undefined;
  for (
    let depth = 0;
    current && typeof current === 'object' && depth <= MAX_CAUSES;
    depth++
  ) {
    if (typeof current.stack === 'string') {
      const prefix = depth === 0 ? '' : 'caused by: ';
      text += `\n${paint('red', `${prefix}${current.stack}`)}`;
    }
    current = current.cause as typeof current;
  }
  return text;
}
