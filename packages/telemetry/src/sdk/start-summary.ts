import type { ResolvedConfig } from '../config/resolved.js';
import type { UrlRedactor } from '../instrumentations/redaction.js';
import type { ActiveInstrumentation } from '../instrumentations/registry.js';
import { SDK_VERSION } from '../version.js';

/**
 * Describes what the SDK started, in one line: the exporters of each signal
 * with their endpoints (credentials and secret parameters redacted), the
 * processors and readers added by options, and the instrumentations.
 */
export function describeStart(
  config: ResolvedConfig,
  active: readonly ActiveInstrumentation[],
  redactor: UrlRedactor,
): string {
  const signal = (exporters: readonly string[], url: string, extra: number) => {
    const parts = exporters
      .filter((name) => name !== 'none' || extra === 0)
      .map((name) => (name === 'otlp' ? `otlp ${redactor.redactUrl(url)}` : name));
    if (extra > 0) parts.push(`${extra} added by options`);
    return parts.join(', ');
  };
  const { traces, metrics, logs } = config;
  return (
    `started ${SDK_VERSION}: ` +
    `traces [${signal(traces.exporters, traces.otlp.url, traces.spanProcessors.length)}], ` +
    `metrics [${signal(metrics.exporters, metrics.otlp.url, metrics.readers.length)}], ` +
    `logs [${signal(logs.exporters, logs.otlp.url, logs.logRecordProcessors.length)}], ` +
    `instrumentations [${active.map((entry) => entry.name).join(', ')}]`
  );
}
