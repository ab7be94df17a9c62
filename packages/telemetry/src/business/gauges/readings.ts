import type { Attributes } from '@opentelemetry/api';
import { hashAttributes } from './attribute-key.js';
import { boundAttributes } from '../bounded-attributes.js';
import type { InstrumentDefinition } from '../definitions.js';
import type { GaugeReading } from './types.js';

/** A reading whose attributes have been bounded by its gauge's declaration. */
export interface BoundReading {
  readonly value: number;
  readonly attributes: Attributes;
}

/**
 * Checks a query's result and bounds its attributes. Readings that share
 * attributes once bounded (two unknown providers both become `other`) are
 * added up, because each stands for a part of that series.
 *
 * @throws TypeError when the result is not an array of finite values.
 */
export function boundReadings(
  gauge: InstrumentDefinition,
  result: unknown,
): BoundReading[] {
  if (!Array.isArray(result)) {
    throw new TypeError(`expected an array of readings, got ${typeof result}`);
  }

  const merged = new Map<string, { value: number; attributes: Attributes }>();
  for (const reading of result as GaugeReading[]) {
    const value = reading?.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TypeError(`expected a finite number, got ${String(value)}`);
    }
    const attributes = boundAttributes(gauge.attributes, reading.attributes);
    const key = hashAttributes(attributes);
    const existing = merged.get(key);
    if (existing) existing.value += value;
    else merged.set(key, { value, attributes });
  }
  return [...merged.values()];
}
