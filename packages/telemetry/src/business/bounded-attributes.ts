import type { Attributes } from '@opentelemetry/api';
import { OTHER } from './attribute-values.js';
import type { MetricAttribute, MetricAttributes } from './definitions.js';

/**
 * Most gauges one process registers, which bounds the series of the stale
 * gauge (one per gauge name).
 */
export const MAX_REGISTERED_GAUGES = 200;

/**
 * Keeps the declared attributes only and bounds each value: an enum value
 * outside its set (or missing) becomes `other`, and a flag that is not a
 * boolean is left out. Keys that the declaration lacks are dropped.
 */
export function boundAttributes(
  declared: MetricAttributes,
  recorded: Readonly<Record<string, unknown>> | undefined,
): Attributes {
  const bound: Attributes = {};
  for (const [key, spec] of Object.entries(declared)) {
    const value = boundValue(spec, recorded?.[key]);
    if (value !== undefined) bound[key] = value;
  }
  return bound;
}

/** Bounds one value by its declaration, or returns `undefined` to drop the key. */
export function boundValue(
  spec: MetricAttribute,
  value: unknown,
): string | boolean | undefined {
  switch (spec.type) {
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value)
        ? value
        : OTHER;
    case 'flag':
      return typeof value === 'boolean' ? value : undefined;
    case 'sdk':
      return typeof value === 'string' ? value : undefined;
  }
}

/**
 * Returns the most series an instrument can have within its declaration,
 * plus one for the overflow series of the SDK's cardinality limit: each
 * enum adds its values and `other`, each flag `true`, `false` and absent.
 */
export function seriesLimit(declared: MetricAttributes): number {
  let combinations = 1;
  for (const spec of Object.values(declared)) {
    combinations *= valueCount(spec);
  }
  return combinations + 1;
}

function valueCount(spec: MetricAttribute): number {
  switch (spec.type) {
    case 'enum':
      return spec.values.length + 1;
    case 'flag':
      return 3;
    case 'sdk':
      return MAX_REGISTERED_GAUGES;
  }
}
