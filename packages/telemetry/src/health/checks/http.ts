import { HEALTH_DEFAULTS } from '../../config/health.js';
import { sanitizeMessage } from '../sanitize.js';
import type { CheckOptions, HealthCheck } from '../types.js';
import {
  defineCheck,
  latencyStatus,
  type LatencyOptions,
  millisSince,
} from './check-options.js';

export interface HttpCheckOptions extends CheckOptions, LatencyOptions {
  /** The dependency's health URL, such as Supabase's `/auth/v1/health`. */
  url: string | URL;
  /** Default `GET`. */
  method?: 'GET' | 'HEAD';
  /** Request headers, such as the `apikey` Supabase requires. */
  headers?: Record<string, string>;
  /**
   * Status codes that count as `up`: one code, a list, or a predicate.
   * Default: any 2xx.
   */
  expectedStatus?: number | readonly number[] | ((status: number) => boolean);
  /** Default `http`. */
  kind?: string;
}

/**
 * Checks an HTTP dependency with one request through `fetch()`. Name: the
 * URL's host name, kind `http`, non-critical by default. The request is
 * aborted at the check's timeout, and the response body is discarded.
 *
 * @throws TypeError when `url` is not an absolute `http:` or `https:` URL.
 */
export function httpCheck(options: HttpCheckOptions): HealthCheck {
  const url = httpUrlOf(options.url);
  const expected = expectedStatusOf(options.expectedStatus);
  const timeoutMillis = options.timeoutMillis ?? HEALTH_DEFAULTS.timeoutMillis;
  const defaults = { name: hostName(url), kind: options.kind ?? 'http' };

  return defineCheck(options, defaults, async (signal) => {
    const started = performance.now();
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMillis)]),
    });
    const latencyMillis = millisSince(started);
    // Only the status matters; a body that fails to cancel changes nothing.
    await response.body?.cancel().catch(() => undefined);
    const details = { statusCode: response.status, latencyMillis };

    if (!expected.accepts(response.status)) {
      return {
        status: 'down',
        message:
          `${options.method ?? 'GET'} ${url.href} returned ` +
          `${response.status}, expected ${expected.description}`,
        details,
      };
    }
    return { ...latencyStatus(latencyMillis, options), details };
  });
}

/**
 * Parses the check's URL at creation, so that a missing or mistyped URL
 * fails at start instead of on every run. `localhost:8080/health` parses
 * as the scheme `localhost:`, so the scheme is checked too.
 */
function httpUrlOf(value: string | URL): URL {
  const text = String(value);
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url?.protocol === 'http:' || url?.protocol === 'https:') return url;

  throw new TypeError(
    `httpCheck: invalid url "${sanitizeMessage(text)}": expected ` +
      'an absolute http:// or https:// URL, such as ' +
      'https://auth.example.com/auth/v1/health',
  );
}

interface ExpectedStatus {
  accepts(status: number): boolean;
  description: string;
}

function expectedStatusOf(
  option: HttpCheckOptions['expectedStatus'],
): ExpectedStatus {
  if (option === undefined) {
    return {
      accepts: (status) => status >= 200 && status < 300,
      description: '2xx',
    };
  }
  if (typeof option === 'function')
    return { accepts: option, description: 'an accepted status' };

  const codes = typeof option === 'number' ? [option] : [...option];
  return {
    accepts: (status) => codes.includes(status),
    description: codes.join(' or '),
  };
}

/** Derives a check name from the host that fits the registry's name rule. */
function hostName(url: URL): string {
  return url.hostname.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64) || 'http';
}
