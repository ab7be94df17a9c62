import type { Attributes } from '@opentelemetry/api';

/** Returns a key that is equal for equal attribute sets, in any key order. */
export function hashAttributes(attributes: Attributes): string {
  const sorted = Object.keys(attributes)
    .sort()
    .map((key) => [key, attributes[key]]);
  return JSON.stringify(sorted);
}
