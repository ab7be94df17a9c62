import type { IncomingMessage } from 'node:http';
import { context } from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import type { HttpInstrumentation as HttpInstrumentationType } from '@opentelemetry/instrumentation-http';
import type { ResolvedHttp } from '../config/resolved.js';
import { loadModule } from '../exporters/load.js';
import { SECRET_HEADERS, type UrlRedactor } from './redaction.js';

/** Decides whether an incoming request stays out of traces and metrics. */
export type RequestFilter = (request: IncomingMessage) => boolean;

/**
 * Configures the standard HTTP instrumentation: stable semantic
 * conventions, redacted query parameters, allow-listed headers without
 * credentials, and no spans or points for health and scrape requests.
 */
export function createHttpInstrumentation(
  settings: ResolvedHttp,
  redactor: UrlRedactor,
  isScrapeRequest: RequestFilter,
): HttpInstrumentationType {
  const { HttpInstrumentation } = loadModule<
    typeof import('@opentelemetry/instrumentation-http')
  >('@opentelemetry/instrumentation-http');
  const isIgnoredPath = matchPaths(settings.ignoreIncomingPaths);
  const headers = {
    requestHeaders: allowedHeaders(settings.requestHeaders),
    responseHeaders: allowedHeaders(settings.responseHeaders),
  };

  return new HttpInstrumentation({
    ignoreIncomingRequestHook: (request) =>
      isScrapeRequest(request) || isIgnoredPath(request.url ?? ''),
    // The exporters send with tracing suppressed. The instrumentation would
    // still record their requests in `http.client.request.duration`.
    ignoreOutgoingRequestHook: () => isTracingSuppressed(context.active()),
    headersToSpanAttributes: { server: headers, client: headers },
    redactedQueryParams: redactor.parameterNames,
    redactedQueryParamsServer: redactor.parameterNames,
  });
}

function matchPaths(patterns: readonly (string | RegExp)[]): (url: string) => boolean {
  const exact = new Set(patterns.filter((p): p is string => typeof p === 'string'));
  const expressions = patterns.filter((p): p is RegExp => p instanceof RegExp);
  return (url) => {
    const path = url.split('?')[0] ?? '';
    return exact.has(path) || expressions.some((expression) => expression.test(path));
  };
}

function allowedHeaders(names: readonly string[]): string[] {
  return names
    .map((name) => name.toLowerCase())
    .filter((name) => !SECRET_HEADERS.has(name));
}
