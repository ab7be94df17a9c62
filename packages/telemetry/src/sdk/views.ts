import type { Attributes } from '@opentelemetry/api';
import type { IAttributesProcessor, ViewOptions } from '@opentelemetry/sdk-metrics';
import { METRIC_HTTP_SERVER_REQUEST_DURATION } from '@opentelemetry/semantic-conventions';
import type { ResolvedConfig } from '../config/resolved.js';

/**
 * Returns the SDK's own views, applied before the user's. A server request
 * that no router claimed has no `http.route`. The duration histogram gives it
 * one fixed value, so that requests to random paths add no new series, and
 * the spans keep the semantic-convention form (no route, name `GET`).
 */
export function sdkViews(config: ResolvedConfig): ViewOptions[] {
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
