import type { Attributes } from '@opentelemetry/api';
import type { IAttributesProcessor, ViewOptions } from '@opentelemetry/sdk-metrics';
import { METRIC_HTTP_SERVER_REQUEST_DURATION } from '@opentelemetry/semantic-conventions';
import { businessMetricViews } from '../business/views.js';
import type { ResolvedConfig } from '../config/resolved.js';

/**
 * Returns the views of the meter provider: the SDK's own (the HTTP view
 * below and the cardinality guards of the business instruments) and the
 * user's. Every view that matches an instrument adds a stream of its own,
 * so a user view for the same instrument name as an SDK view would export
 * that instrument twice. Such a pair becomes one view instead: the user's,
 * with the SDK's attribute processors run first and the SDK's cardinality
 * limit unless the user set one.
 */
export function meterViews(
  config: ResolvedConfig,
  userViews: readonly ViewOptions[],
): ViewOptions[] {
  const ours = [...httpViews(config), ...businessMetricViews()];
  const merged = userViews.map((view) => {
    const own = ours.find((candidate) => sameInstrument(candidate, view));
    return own ? mergeView(own, view) : view;
  });
  const unmatched = ours.filter(
    (own) => !userViews.some((view) => sameInstrument(own, view)),
  );
  return [...unmatched, ...merged];
}

function sameInstrument(own: ViewOptions, view: ViewOptions): boolean {
  return own.instrumentName !== undefined && own.instrumentName === view.instrumentName;
}

function mergeView(own: ViewOptions, view: ViewOptions): ViewOptions {
  return {
    ...view,
    attributesProcessors: [
      ...(own.attributesProcessors ?? []),
      ...(view.attributesProcessors ?? []),
    ],
    aggregationCardinalityLimit:
      view.aggregationCardinalityLimit ?? own.aggregationCardinalityLimit,
  };
}

/**
 * Gives a server request that no router claimed, and so has no
 * `http.route`, one fixed route on the duration histogram, so that requests
 * to random paths add no new series. The spans keep the semantic-convention
 * form (no route, name `GET`).
 */
function httpViews(config: ResolvedConfig): ViewOptions[] {
  const http = config.instrumentations.http;
  if (!http) return [];

  return [
    {
      instrumentName: METRIC_HTTP_SERVER_REQUEST_DURATION,
      attributesProcessors: [fillMissingAttribute('http.route', http.unmatchedRoute)],
    },
  ];
}

function fillMissingAttribute(key: string, value: string): IAttributesProcessor {
  return {
    process: (incoming: Attributes) =>
      incoming[key] === undefined ? { ...incoming, [key]: value } : incoming,
  };
}
