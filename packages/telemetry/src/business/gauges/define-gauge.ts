import { gauge, type InstrumentDefinition, oneOf } from '../definitions.js';
import { describeIssue, IssueCollector } from '../../config/issues.js';
import { checkNameList } from '../../config/parse.js';
import { componentLogger, warnAboutOption } from '../../diag/logger.js';
import type { GaugeQuery } from './types.js';

/** Declared attribute values of a gauge, by attribute key. */
export type GaugeAttributeSets = Readonly<Record<string, readonly string[]>>;

/** The gauge of an application's own query. */
export interface GaugeDeclaration<Sets extends GaugeAttributeSets> {
  /** A lowercase dotted name, such as `billing.subscription.count`. */
  readonly name: string;
  /** A UCUM unit, such as `{subscription}`. */
  readonly unit: string;
  readonly description: string;
  /**
   * The values each attribute may take. A reading's value outside its set
   * is recorded as `other`, and keys not listed are dropped.
   */
  readonly attributes?: Sets;
}

/** A reading whose attributes are typed by the gauge's declaration. */
export interface TypedGaugeReading<Sets extends GaugeAttributeSets> {
  readonly value: number;
  readonly attributes?: { readonly [Key in keyof Sets]?: Sets[Key][number] };
}

/**
 * Declares a gauge fed by an application's own query, for
 * `registerBusinessGauges`. Other services register their own state this
 * way, under their own names.
 *
 * @example
 * const plans = defineGaugeQuery(
 *   {
 *     name: 'billing.subscription.count',
 *     unit: '{subscription}',
 *     description: 'Active subscriptions, by plan.',
 *     attributes: { 'billing.plan': ['free', 'pro'] },
 *   },
 *   async () => [{ value: await countPro(), attributes: { 'billing.plan': 'pro' } }],
 * );
 */
export function defineGaugeQuery<const Sets extends GaugeAttributeSets>(
  declaration: GaugeDeclaration<Sets>,
  run: (signal: AbortSignal) => Promise<readonly TypedGaugeReading<Sets>[]>,
): GaugeQuery {
  const attributes = Object.fromEntries(
    Object.entries(declaration.attributes ?? {}).map(([key, values]) => [
      key,
      oneOf(valueSet(declaration.name, key, values)),
    ]),
  );
  const definition: InstrumentDefinition = gauge(
    declaration.name,
    declaration.unit,
    declaration.description,
    attributes,
  );
  return { gauge: definition, run };
}

/**
 * Returns the declared values of one attribute. Declarations often come
 * from untyped code, so a single string is a set of one, and anything else
 * that is not an array is reported and leaves only `other` for that
 * attribute.
 */
function valueSet(gaugeName: string, key: string, values: unknown): string[] {
  const issues = new IssueCollector();
  const set = checkNameList(
    `defineGaugeQuery ${gaugeName}: attributes["${key}"]`,
    values,
    issues,
    'no values, so every value of it is recorded as other',
  );
  const log = componentLogger('business');
  for (const issue of issues.issues) {
    warnAboutOption(log, 'business', describeIssue(issue));
  }
  return set;
}
