import { REDACTED } from '../instrumentations/redaction.js';

export { REDACTED };

/**
 * Keys whose values are secrets in log context: credentials, session
 * cookies, tokens and keys. Matched with {@link normaliseKey}, so `apiKey`
 * also covers `api_key`, `API-KEY` and `apikey`.
 */
export const DEFAULT_REDACTED_KEYS: readonly string[] = [
  'password',
  'passwd',
  'passphrase',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'apiKey',
  'x-api-key',
  'secret',
  'client_secret',
  'private_key',
  'session_id',
];

/** Upper bound of remembered key decisions, so varying keys cannot grow memory. */
const MAX_CACHED_KEYS = 2_000;

/**
 * Lower-cases a key and drops `-`, `_` and spaces, so that the spellings of
 * one name in headers, JSON and JavaScript compare equal.
 */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_ ]/g, '');
}

/** Decides which object keys hold secrets, from one fixed list. */
export class KeyRedactor {
  readonly replacement: string;
  private readonly keys: ReadonlySet<string>;
  private readonly decisions = new Map<string, boolean>();

  /** `extraKeys` are added to {@link DEFAULT_REDACTED_KEYS}. */
  constructor(extraKeys: readonly string[] = [], replacement = REDACTED) {
    this.keys = new Set(
      [...DEFAULT_REDACTED_KEYS, ...extraKeys].map(normaliseKey),
    );
    this.replacement = replacement;
  }

  /** Returns whether the value under `key` must be replaced. */
  isSecret(key: string): boolean {
    const known = this.decisions.get(key);
    if (known !== undefined) return known;

    const secret = this.keys.has(normaliseKey(key));
    if (this.decisions.size >= MAX_CACHED_KEYS) this.decisions.clear();
    this.decisions.set(key, secret);
    return secret;
  }
}
