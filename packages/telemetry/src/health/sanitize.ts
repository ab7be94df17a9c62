import { REDACTED, UrlRedactor } from '../instrumentations/redaction.js';

/** Longest error text a response carries; the log gets the whole text. */
export const MAX_SAFE_MESSAGE_LENGTH = 300;

const urlRedactor = new UrlRedactor();

/** A URL with a scheme, such as `postgresql://user:secret@db:5432/app`. */
const URL_WITH_SCHEME = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]+/gi;

/** `user:password@host` without a scheme, as some drivers print it. */
const BARE_USERINFO = /(^|[\s'"(=])[^\s'"(:@/]+:[^\s'"@/]+@(?=[^\s@])/g;

/**
 * `key=value` and `key: value` pairs whose key names a secret, as in libpq
 * connection strings (`password=secret host=db`) or JSON.
 */
const SECRET_PAIR =
  /\b((?:ssl)?password|passwd|pwd|secret|client_secret|token|access_token|refresh_token|api[_-]?key|authorization)(["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&)]+)/gi;

/** `PASSWORD 'secret'` in SQL such as `ALTER ROLE app PASSWORD 'secret'`. */
const SQL_PASSWORD = /\bpassword\s+'[^']*'/gi;

/** The credentials of an `Authorization` header value. */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/** A JSON Web Token: three base64url parts, the first starting with `eyJ`. */
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/**
 * Removes credentials from an error text for a response body: passwords
 * and user names in URLs, secret query parameters, secret `key=value`
 * pairs, `Authorization` values and JSON Web Tokens. Whitespace runs become
 * one space and the text is cut to {@link MAX_SAFE_MESSAGE_LENGTH}.
 *
 * NOTE: this is a list of known shapes. A secret in a free-form sentence,
 * such as a password echoed without a key, gets through; check messages
 * should not contain one.
 */
export function sanitizeMessage(text: string): string {
  const cleaned = text
    .replace(URL_WITH_SCHEME, redactUrl)
    .replace(BARE_USERINFO, `$1${REDACTED}@`)
    .replace(SQL_PASSWORD, `password '${REDACTED}'`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(SECRET_PAIR, `$1$2${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(cleaned, MAX_SAFE_MESSAGE_LENGTH);
}

function redactUrl(url: string): string {
  const trailing = /[.,;:)\]]+$/.exec(url)?.[0] ?? '';
  const bare = trailing ? url.slice(0, -trailing.length) : url;
  return urlRedactor.redactUrl(bare) + trailing;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
