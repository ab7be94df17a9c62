import type { Attributes } from '@opentelemetry/api';
import { boundValue } from '../bounded-attributes.js';
import type { EventAttribute, EventDefinition } from '../definitions.js';

/**
 * Keeps the declared attributes of an event: enums and flags bounded as on
 * metrics, text only as strings, numbers only when finite. The pseudonym is
 * added by the caller, never taken from `values`.
 */
export function eventAttributes(
  definition: EventDefinition,
  values: Readonly<Record<string, unknown>>,
): Attributes {
  const attributes: Attributes = {};
  for (const [key, spec] of Object.entries(definition.attributes)) {
    const value = eventValue(spec, values[key]);
    if (value !== undefined) attributes[key] = value;
  }
  return attributes;
}

function eventValue(
  spec: EventAttribute,
  value: unknown,
): string | number | boolean | undefined {
  switch (spec.type) {
    case 'enum':
    case 'flag':
      return boundValue(spec, value);
    case 'text':
      return typeof value === 'string' ? value : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? value
        : undefined;
    case 'pseudonym':
      return undefined;
  }
}
