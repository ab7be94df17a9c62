import { parser } from '@prometheus-io/lezer-promql';

/**
 * Returns the metric names an expression selects, from the Prometheus
 * project's own PromQL grammar: the name of each vector selector, and the
 * value of each `__name__="..."` matcher.
 *
 * @throws Error for an expression the grammar rejects, and for a
 *   `__name__` matcher other than `=`, whose names cannot be listed.
 */
export function selectedMetricNames(expr: string): Set<string> {
  const names = new Set<string>();
  const cursor = parser.parse(expr).cursor();
  do {
    if (cursor.type.isError) {
      throw new Error(`Invalid PromQL at ${cursor.from}: ${expr}`);
    }
    if (cursor.name === 'VectorSelector') {
      const selector = expr.slice(cursor.from, cursor.to);
      const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(selector)?.[0];
      if (name !== undefined) names.add(name);
    }
    if (cursor.name === 'UnquotedLabelMatcher') {
      const matcher = expr.slice(cursor.from, cursor.to);
      const byName = /^__name__\s*(=~|!~|!=|=)\s*"(.*)"$/.exec(matcher);
      if (byName?.[1] === '=') names.add(byName[2] ?? '');
      else if (byName)
        throw new Error(`Unsupported __name__ matcher: ${matcher}`);
    }
  } while (cursor.next());
  return names;
}
