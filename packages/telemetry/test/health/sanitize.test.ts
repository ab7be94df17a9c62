import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/health/describe-error.js';
import {
  MAX_SAFE_MESSAGE_LENGTH,
  sanitizeMessage,
} from '../../src/health/sanitize.js';

describe('sanitizeMessage', () => {
  it.each([
    [
      'a PostgreSQL connection string',
      'connect failed for postgresql://app:s3cr3t-pw@db.internal:5432/seda',
      's3cr3t-pw',
    ],
    [
      'a Redis URL with a password only',
      'redis://:redis-pw-123@cache:6379 refused',
      'redis-pw-123',
    ],
    [
      'a user name in a URL',
      'https://deploy-bot@git.example.com/repo failed',
      'deploy-bot',
    ],
    [
      'a secret query parameter',
      'GET https://api.example.com/v1?api_key=key-999 failed',
      'key-999',
    ],
    [
      'a libpq password pair',
      'host=db user=app password=libpq-pw dbname=seda',
      'libpq-pw',
    ],
    [
      'a quoted password pair',
      'options {"password": "json-pw", "host": "db"}',
      'json-pw',
    ],
    ['a token pair', 'token=tok-abc rejected', 'tok-abc'],
    ['an api-key pair', 'invalid apiKey: ak-777', 'ak-777'],
    [
      'a bearer token',
      'Authorization: Bearer abc.def-ghi rejected',
      'abc.def-ghi',
    ],
    [
      'basic credentials',
      'sent Basic dXNlcjpwYXNz and got 401',
      'dXNlcjpwYXNz',
    ],
    [
      'a JSON Web Token',
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl expired',
      'eyJzdWIiOiIxIn0',
    ],
    [
      'user:pass@ without a scheme',
      'connecting to admin:hunter2@10.0.0.5 failed',
      'hunter2',
    ],
    ['a SQL password literal', "ALTER ROLE app PASSWORD 'sql-pw'", 'sql-pw'],
  ])('removes %s', (_case, text, secret) => {
    const safe = sanitizeMessage(text);

    expect(safe).not.toContain(secret);
    expect(safe).toContain('REDACTED');
  });

  it('keeps the useful part of a message', () => {
    const safe = sanitizeMessage(
      'connect ECONNREFUSED 127.0.0.1:6379 for redis://:pw@127.0.0.1:6379.',
    );

    expect(safe).toBe(
      'connect ECONNREFUSED 127.0.0.1:6379 for redis://REDACTED:REDACTED@127.0.0.1:6379.',
    );
  });

  it('leaves a message without secrets unchanged', () => {
    const text = 'GET http://127.0.0.1:4000/health returned 503, expected 2xx';

    expect(sanitizeMessage(text)).toBe(text);
  });

  it('joins lines and cuts long messages', () => {
    const safe = sanitizeMessage(
      `first line\n  second line ${'x'.repeat(500)}`,
    );

    expect(safe.startsWith('first line second line x')).toBe(true);
    expect(safe).toHaveLength(MAX_SAFE_MESSAGE_LENGTH);
    expect(safe.endsWith('…')).toBe(true);
  });
});

describe('describeError', () => {
  it('follows causes', () => {
    const error = new TypeError('fetch failed', {
      cause: new Error('connect ECONNREFUSED 127.0.0.1:1'),
    });

    expect(describeError(error)).toBe(
      'fetch failed: connect ECONNREFUSED 127.0.0.1:1',
    );
  });

  it('lists the errors of an AggregateError without a message', () => {
    const error = new AggregateError([
      new Error('connect ECONNREFUSED ::1:5432'),
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
    ]);

    expect(describeError(error)).toBe(
      'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    );
  });

  it('describes a thrown non-error', () => {
    expect(describeError('plain text')).toBe('plain text');
  });

  it('stops at a cause cycle', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    first.cause = second;

    expect(describeError(first)).toBe('first: second');
  });
});
