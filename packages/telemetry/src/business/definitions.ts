/**
 * The shapes of the business instrument table: what an instrument or a
 * product event is called, its unit and description, and the values each
 * of its attributes may take.
 */

/** An attribute whose value is one of `values`, else `other`. */
export interface EnumAttribute {
  readonly type: 'enum';
  readonly values: readonly string[];
}

/** An attribute that is `true` or `false`; any other value drops the key. */
export interface FlagAttribute {
  readonly type: 'flag';
}

/**
 * An attribute that only the SDK sets, from a set it bounds itself (such as
 * the names of registered gauges), described for the reference.
 */
export interface SdkAttribute {
  readonly type: 'sdk';
  readonly description: string;
}

/** The attribute kinds a metric may carry: all of them bounded. */
export type MetricAttribute = EnumAttribute | FlagAttribute | SdkAttribute;

/** Free text, allowed in product events only (a track title). */
export interface TextAttribute {
  readonly type: 'text';
  readonly description: string;
}

/** A number with a UCUM unit, allowed in product events only. */
export interface NumberAttribute {
  readonly type: 'number';
  readonly unit: string;
  readonly description: string;
}

/** The keyed hash of a user id (semantic convention `user.hash`). */
export interface PseudonymAttribute {
  readonly type: 'pseudonym';
}

export type EventAttribute =
  | EnumAttribute
  | FlagAttribute
  | TextAttribute
  | NumberAttribute
  | PseudonymAttribute;

export type MetricAttributes = Readonly<Record<string, MetricAttribute>>;

/** One metric instrument as the table declares it. */
export interface InstrumentDefinition {
  readonly name: string;
  readonly kind: 'counter' | 'gauge';
  readonly unit: string;
  readonly description: string;
  readonly attributes: MetricAttributes;
}

/** One product event as the table declares it. */
export interface EventDefinition {
  readonly name: string;
  readonly description: string;
  readonly attributes: Readonly<Record<string, EventAttribute>>;
}

export function oneOf(values: readonly string[]): EnumAttribute {
  return { type: 'enum', values };
}

export const FLAG: FlagAttribute = { type: 'flag' };

export function counter(
  name: string,
  unit: string,
  description: string,
  attributes: MetricAttributes = {},
): InstrumentDefinition {
  return { name, kind: 'counter', unit, description, attributes };
}

export function gauge(
  name: string,
  unit: string,
  description: string,
  attributes: MetricAttributes = {},
): InstrumentDefinition {
  return { name, kind: 'gauge', unit, description, attributes };
}
