import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/** The value that replaces a secret in an attribute. */
export const REDACTED = 'REDACTED';

/**
 * Query parameter names whose values are secrets: tokens, authorisation
 * codes, signatures, passwords and API keys, plus the signed-URL parameters
 * of the large cloud storage services. Names are compared after
 * {@link normaliseParamName}, so `access-token`, `Access_Token` and
 * `user[access_token]` all match `accesstoken`.
 */
export const DEFAULT_REDACTED_QUERY_PARAMS: readonly string[] = [
  'auth',
  'authorization',
  'code',
  'jwt',
  'key',
  'otp',
  'pwd',
  'sig',
  'session',
  'sessionid',
  'jsessionid',
  'xamzcredential',
  'xamzsecuritytoken',
  'xgoogcredential',
  'awsaccesskeyid',
];

/**
 * Parts of a normalised parameter name that mark its value as a secret
 * wherever they appear in the name (`authToken`, `private_token`,
 * `x-api-key`, `refresh-token`, `dbPassword`).
 */
const SECRET_NAME_PARTS: readonly string[] = [
  'token',
  'password',
  'passwd',
  'passcode',
  'secret',
  'apikey',
  'credential',
  'signature',
  'privatekey',
];

/**
 * Lower-cases a parameter name, keeps the innermost key of a bracketed name
 * (`user[password]` becomes `password`, `token[]` becomes `token`), and drops
 * `-`, `_` and `.`.
 */
export function normaliseParamName(name: string): string {
  const keys = [...name.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1] ?? '');
  const innermost = keys.filter((key) => key !== '').at(-1);
  const base = innermost ?? name.replace(/\[.*$/, '');
  return base.toLowerCase().replace(/[-_.]/g, '');
}

/** Headers whose values are credentials, never recorded. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

/** Span attributes that hold a URL or a part of one with a query. */
const URL_ATTRIBUTES = ['url.full', 'url.query', 'url.original', 'http.url', 'http.target'];

const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i;

/** A Java-style session id in the path, as in `/cart;jsessionid=ABC?x=1`. */
const PATH_SESSION_ID = /;jsessionid=[^/?#;]*/gi;

/** Redacts URLs with one fixed list of lower-case query parameter names. */
export class UrlRedactor {
  private readonly params: ReadonlySet<string>;

  constructor(extraParams: readonly string[] = []) {
    this.params = new Set(
      [...DEFAULT_REDACTED_QUERY_PARAMS, ...extraParams].map(normaliseParamName),
    );
  }

  /**
   * Parameter names for instrumentations that take their own exact-match
   * list; the span processor applies the full rules afterwards.
   */
  get parameterNames(): string[] {
    return [...this.params, ...SECRET_NAME_PARTS];
  }

  /** Tells whether the value of a parameter with this raw name is a secret. */
  isSecretParam(rawName: string): boolean {
    const name = normaliseParamName(safeDecode(rawName));
    return this.params.has(name) || SECRET_NAME_PARTS.some((part) => name.includes(part));
  }

  /**
   * Replaces credentials in the authority and the values of secret query
   * parameters. Accepts absolute URLs, paths with a query, and bare query
   * strings; anything else is returned unchanged.
   */
  redactUrl(url: string): string {
    const withoutUserinfo = url
      .replace(USERINFO, `$1${REDACTED}:${REDACTED}@`)
      .replace(PATH_SESSION_ID, `;jsessionid=${REDACTED}`);
    const queryStart = withoutUserinfo.indexOf('?');
    if (queryStart === -1) return withoutUserinfo;

    const hashStart = withoutUserinfo.indexOf('#', queryStart);
    const end = hashStart === -1 ? withoutUserinfo.length : hashStart;
    const query = withoutUserinfo.slice(queryStart + 1, end);
    return (
      withoutUserinfo.slice(0, queryStart + 1) +
      this.redactQuery(query) +
      withoutUserinfo.slice(end)
    );
  }

  /**
   * Redacts a query string. A leading `?`, which the undici instrumentation
   * keeps in `url.query`, is kept too.
   */
  redactQuery(query: string): string {
    const prefix = query.startsWith('?') ? '?' : '';
    return (
      prefix +
      query
        .slice(prefix.length)
        .split('&')
        .map((pair) => this.redactPair(pair))
        .join('&')
    );
  }

  private redactPair(pair: string): string {
    const separator = pair.indexOf('=');
    if (separator === -1) return pair;

    const name = pair.slice(0, separator);
    if (this.isSecretParam(name)) return `${name}=${REDACTED}`;
    return `${name}=${this.redactNestedUrl(pair.slice(separator + 1))}`;
  }

  /**
   * Redacts a URL carried in a parameter such as `redirect_uri` or `next`.
   * The value is encoded again only when something changed, so other values
   * keep their original encoding.
   */
  private redactNestedUrl(encoded: string): string {
    const decoded = safeDecode(encoded);
    if (!decoded.includes('?') && !decoded.includes('@')) return encoded;

    const redacted = this.redactUrl(decoded);
    return redacted === decoded ? encoded : encodeURIComponent(redacted);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Redacts every URL attribute of every span, whichever instrumentation set
 * it, when the span starts and again before it ends. It is registered before
 * the exporting processors, so they receive only redacted values.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  constructor(private readonly redactor: UrlRedactor) {}

  onStart(span: Span, _parentContext: Context): void {
    this.redact(span);
  }

  onEnding(span: Span): void {
    this.redact(span);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private redact(span: Span): void {
    const attributes = span.attributes;
    for (const key of URL_ATTRIBUTES) {
      const value = attributes[key];
      if (typeof value !== 'string') continue;

      const redacted =
        key === 'url.query'
          ? this.redactor.redactQuery(value)
          : this.redactor.redactUrl(value);
      if (redacted !== value) span.setAttribute(key, redacted);
    }
    for (const key of Object.keys(attributes)) {
      if (isSecretHeaderAttribute(key)) span.setAttribute(key, REDACTED);
    }
  }
}

function isSecretHeaderAttribute(key: string): boolean {
  const match = /^http\.(?:request|response)\.header\.(.+)$/.exec(key);
  return match !== null && SECRET_HEADERS.has(match[1] ?? '');
}
