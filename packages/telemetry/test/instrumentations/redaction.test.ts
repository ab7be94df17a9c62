import {
  type ReadableSpan,
  type SpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { RedactingSpanProcessor, UrlRedactor } from '../../src/instrumentations/redaction.js';

describe('UrlRedactor', () => {
  const redactor = new UrlRedactor(['room_invite']);

  it.each([
    ['http://user:pw@example.test/a', 'http://REDACTED:REDACTED@example.test/a'],
    ['https://example.test/cb?code=abc&state=x', 'https://example.test/cb?code=REDACTED&state=x'],
    ['/rooms/1/messages?TOKEN=abc&limit=5', '/rooms/1/messages?TOKEN=REDACTED&limit=5'],
    ['/s?X-Amz-Signature=abc#frag', '/s?X-Amz-Signature=REDACTED#frag'],
    ['/r?room_invite=abc', '/r?room_invite=REDACTED'],
    ['/r?api%5Fkey=abc', '/r?api%5Fkey=REDACTED'],
    ['/plain/path', '/plain/path'],
    ['/flag?verbose', '/flag?verbose'],
    ['/q?authToken=a&access-token=b&x-api-key=c', '/q?authToken=REDACTED&access-token=REDACTED&x-api-key=REDACTED'],
    ['/q?private_token=a&passcode=b&credentials=c', '/q?private_token=REDACTED&passcode=REDACTED&credentials=REDACTED'],
    ['/q?user[password]=a&token[]=b&page=1', '/q?user[password]=REDACTED&token[]=REDACTED&page=1'],
    ['/q?author=ann&keyword=jazz', '/q?author=ann&keyword=jazz'],
    ['/cart;jsessionid=ABC123?x=1', '/cart;jsessionid=REDACTED?x=1'],
  ])('redacts %s', (input, expected) => {
    expect(redactor.redactUrl(input)).toBe(expected);
  });

  it('redacts a URL nested in a parameter', () => {
    const nested = encodeURIComponent('https://app.test/done?token=abc&page=2');

    const result = redactor.redactUrl(`/login?next=${nested}`);

    expect(decodeURIComponent(result)).toBe(
      '/login?next=https://app.test/done?token=REDACTED&page=2',
    );
  });

  it('keeps a nested value unchanged when nothing is secret', () => {
    const nested = encodeURIComponent('https://app.test/done?page=2');

    expect(redactor.redactUrl(`/login?next=${nested}`)).toBe(`/login?next=${nested}`);
  });

  it('keeps the leading question mark of a query', () => {
    expect(redactor.redactQuery('?token=abc&page=1')).toBe('?token=REDACTED&page=1');
  });

  it('redacts a bare query string', () => {
    expect(redactor.redactQuery('password=hunter2&page=1')).toBe('password=REDACTED&page=1');
  });

  it('survives malformed percent escapes', () => {
    expect(redactor.redactUrl('/x?%E0%A4%A=1&token=abc')).toBe('/x?%E0%A4%A=1&token=REDACTED');
  });
});

describe('UrlRedactor.redactQuery', () => {
  const redactor = new UrlRedactor();

  it('keeps a long query with nothing secret as it is', () => {
    const query = 'limit=20&before=' + 'x'.repeat(40);

    expect(redactor.redactQuery(query)).toBe(query);
  });

  it.each([
    ['token=a', 'token=REDACTED'],
    ['page=1&token=a', 'page=1&token=REDACTED'],
    ['token=a&page=1&sig=b', 'token=REDACTED&page=1&sig=REDACTED'],
    ['?page=1&&token=a&', '?page=1&&token=REDACTED&'],
    ['flag&token=a=b', 'flag&token=REDACTED'],
    ['', ''],
    ['?', '?'],
  ])('redacts %j', (input, expected) => {
    expect(redactor.redactQuery(input)).toBe(expected);
  });
});

describe('RedactingSpanProcessor', () => {
  const SECRET_URL = 'https://api.test/cb?code=abc&page=1';
  const REDACTED_URL = 'https://api.test/cb?code=REDACTED&page=1';

  /** Ends one span that has a secret URL from its start, and returns what each stage saw. */
  function traceOnce(atStart: boolean): { atStart: unknown; ended: unknown } {
    const seen = { atStart: undefined as unknown, ended: undefined as unknown };
    const recorder: SpanProcessor = {
      onStart: (span) => {
        seen.atStart = (span as unknown as ReadableSpan).attributes['url.full'];
      },
      onEnd: (span) => {
        seen.ended = span.attributes['url.full'];
      },
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
    const provider = new TracerProvider({
      spanProcessors: [new RedactingSpanProcessor(new UrlRedactor(), { atStart }), recorder],
    });
    provider
      .getTracer('redaction-test')
      .startSpan('GET', { attributes: { 'url.full': SECRET_URL } })
      .end();
    return seen;
  }

  it('redacts at start for later processors', () => {
    expect(traceOnce(true)).toEqual({ atStart: REDACTED_URL, ended: REDACTED_URL });
  });

  it('redacts before the end without the start pass', () => {
    expect(traceOnce(false)).toEqual({ atStart: SECRET_URL, ended: REDACTED_URL });
  });
});
