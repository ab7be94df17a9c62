/** One JSON log line of the API, as its winston logger writes it. */
interface ApiLogLine {
  message?: unknown;
  context?: unknown;
}

/**
 * Returns the message of the first JSON line on the API's stdout that
 * Nest's logger of `context` (such as `PrismaService`) wrote and that
 * starts with `prefix`, without the prefix.
 */
export function findLogMessage(
  stdout: string,
  context: string,
  prefix = '',
): string | undefined {
  for (const line of stdout.split('\n')) {
    const entry = parseLine(line);
    const message = entry?.message;

    if (
      entry?.context === context &&
      typeof message === 'string' &&
      message.startsWith(prefix)
    ) {
      return message.slice(prefix.length);
    }
  }
  return undefined;
}

function parseLine(line: string): ApiLogLine | undefined {
  if (!line.startsWith('{')) return undefined;

  try {
    return JSON.parse(line) as ApiLogLine;
  } catch {
    return undefined;
  }
}
