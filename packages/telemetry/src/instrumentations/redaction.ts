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
  if (!name.includes('[')) return name.toLowerCase().replace(/[-_.]/g, '');
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

/** Bound of the memo of parameter names, which clients can invent. */
const MAX_MEMOIZED_NAMES = 512;

/** Redacts URLs with one fixed list of lower-case query parameter names. */
export class UrlRedactor {
  private readonly params: ReadonlySet<string>;
  /** Raw parameter names already judged, since most requests repeat them. */
  private readonly judged = new Map<string, boolean>();

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
    const known = this.judged.get(rawName);
    if (known !== undefined) return known;

    const name = normaliseParamName(safeDecode(rawName));
    const secret =
      this.params.has(name) || SECRET_NAME_PARTS.some((part) => name.includes(part));
    if (this.judged.size >= MAX_MEMOIZED_NAMES) this.judged.clear();
    this.judged.set(rawName, secret);
    return secret;
  }

  /**
   * Replaces credentials in the authority and the values of secret query
   * parameters. Accepts absolute URLs, paths with a query, and bare query
   * strings; anything else is returned unchanged.
   */
  redactUrl(url: string): string {
    let withoutUserinfo = url;
    if (url.includes('@')) {
      withoutUserinfo = withoutUserinfo.replace(USERINFO, `$1${REDACTED}:${REDACTED}@`);
    }
    if (url.includes(';')) {
      withoutUserinfo = withoutUserinfo.replace(PATH_SESSION_ID, `;jsessionid=${REDACTED}`);
    }
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
   * keeps in `url.query`, is kept too. A query with nothing to redact, the
   * common case, is returned as it is without building a new string.
   */
  redactQuery(query: string): string {
    let redacted = '';
    // Up to `copied`, the query is either unchanged or already in `redacted`.
    let copied = 0;
    let start = query.startsWith('?') ? 1 : 0;

    while (start <= query.length) {
      const found = query.indexOf('&', start);
      const end = found === -1 ? query.length : found;
      const replacement = this.redactPair(query, start, end);
      if (replacement !== undefined) {
        redacted += query.slice(copied, start) + replacement;
        copied = end;
      }
      start = end + 1;
    }
    return copied === 0 ? query : redacted + query.slice(copied);
  }

  /** Returns the redacted form of one `name=value` pair, or undefined to keep it. */
  private redactPair(query: string, start: number, end: number): string | undefined {
    const separator = query.indexOf('=', start);
    if (separator === -1 || separator >= end) return undefined;

    const name = query.slice(start, separator);
    if (this.isSecretParam(name)) return `${name}=${REDACTED}`;
    const value = query.slice(separator + 1, end);
    const redacted = this.redactNestedUrl(value);
    return redacted === value ? undefined : `${name}=${redacted}`;
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
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Redacts the URL and secret header attributes of every span, whichever
 * instrumentation set them, before it ends. It runs before the exporting
 * processors, so they receive only redacted values.
 *
 * With `atStart`, URL attributes are also redacted when the span starts,
 * for processors of the application's own that read a span in `onStart`.
 * The SDK's batch and simple processors read spans only once ended, so
 * without such processors that pass is skipped.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  private readonly atStart: boolean;

  constructor(
    private readonly redactor: UrlRedactor,
    options: { atStart?: boolean } = {},
  ) {
    this.atStart = options.atStart ?? true;
  }

  onStart(span: Span, _parentContext: Context): void {
    if (this.atStart) this.redactUrls(span);
  }

  onEnding(span: Span): void {
    this.redactUrls(span);
    const attributes = span.attributes;
    for (const key in attributes) {
      if (isSecretHeaderAttribute(key)) span.setAttribute(key, REDACTED);
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private redactUrls(span: Span): void {
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
  }
}

const HEADER_PREFIXES = ['http.request.header.', 'http.response.header.'];

function isSecretHeaderAttribute(key: string): boolean {
  if (!key.startsWith('http.')) return false;
  const prefix = HEADER_PREFIXES.find((candidate) => key.startsWith(candidate));
  return prefix !== undefined && SECRET_HEADERS.has(key.slice(prefix.length));
}
