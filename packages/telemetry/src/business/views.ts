import type { Attributes } from '@opentelemetry/api';
import type {
  IAttributesProcessor,
  ViewOptions,
} from '@opentelemetry/sdk-metrics';
import { boundAttributes, seriesLimit } from './bounded-attributes.js';
import type { MetricAttributes } from './definitions.js';
import { BUSINESS_INSTRUMENTS, BUSINESS_SCOPE } from './instrument-table.js';

/**
 * Returns one view per business instrument of the table, a second guard
 * behind the recording API for code that records on the business meter
 * directly. The view bounds attributes as the API does (undeclared keys
 * dropped, undeclared values recorded as `other`) and sets the cardinality
 * limit to the number of declared combinations.
 *
 * NOTE: sdk-metrics 3.1 applies a cardinality limit to the series of one
 * collection interval, and a cumulative stream keeps every series it has
 * reported, so the limit alone would not bound a stream whose values change
 * between collections. The bounding processor is what bounds it over time.
 */
export function businessMetricViews(): ViewOptions[] {
  return BUSINESS_INSTRUMENTS.map((instrument) => ({
    instrumentName: instrument.name,
    meterName: BUSINESS_SCOPE,
    attributesProcessors: [boundingProcessor(instrument.attributes)],
    aggregationCardinalityLimit: seriesLimit(instrument.attributes),
  }));
}

function boundingProcessor(declared: MetricAttributes): IAttributesProcessor {
  return {
    process: (incoming: Attributes) => boundAttributes(declared, incoming),
  };
}
