import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { ResolvedHttp } from '../config/resolved.js';
import { loadModule } from '../exporters/load.js';
import { SECRET_HEADERS } from './redaction.js';

type UndiciModule = typeof import('@opentelemetry/instrumentation-undici');

/**
 * Client spans and `http.client.request.duration` for `fetch()` and undici,
 * which Node.js implements without the `http` module. It listens on
 * diagnostics channels, so it needs no module patching; URLs are redacted by
 * the span processor like every other URL attribute.
 */
export function createUndiciInstrumentation(settings: ResolvedHttp): Instrumentation {
  const { UndiciInstrumentation } = loadModule<UndiciModule>(
    '@opentelemetry/instrumentation-undici',
  );
  const allowed = (names: readonly string[]) =>
    names.map((name) => name.toLowerCase()).filter((name) => !SECRET_HEADERS.has(name));

  return new UndiciInstrumentation({
    headersToSpanAttributes: {
      requestHeaders: allowed(settings.requestHeaders),
      responseHeaders: allowed(settings.responseHeaders),
    },
  });
}
