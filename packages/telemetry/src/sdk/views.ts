import type { Attributes } from '@opentelemetry/api';
import type { IAttributesProcessor, ViewOptions } from '@opentelemetry/sdk-metrics';
import { METRIC_HTTP_SERVER_REQUEST_DURATION } from '@opentelemetry/semantic-conventions';
import { businessMetricViews } from '../business/views.js';
import type { ResolvedConfig } from '../config/resolved.js';

/**
 * Returns the SDK's own views, applied before the user's: the cardinality
 * guards of the business instruments, and the HTTP view below.
 */
export function sdkViews(config: ResolvedConfig): ViewOptions[] {
  return [...httpViews(config), ...businessMetricViews()];
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
