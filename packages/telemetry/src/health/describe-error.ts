/** How many `cause` links are followed, against cycles and noise. */
const MAX_CAUSES = 3;

/**
 * Describes a thrown value in one line with its causes, because the useful
 * part is often below the top: `fetch()` throws `fetch failed` with the
 * socket error as `cause`, and `net` throws an `AggregateError` without a
 * message when every address of a host refused.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;

  for (let depth = 0; depth <= MAX_CAUSES && current !== undefined; depth++) {
    const text = describeOne(current);
    if (text && !parts.includes(text)) parts.push(text);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ') || 'unknown error';
}

function describeOne(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  if (error instanceof AggregateError) {
    return error.errors.map((inner) => describeOne(inner)).join('; ');
  }
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.name;
}
