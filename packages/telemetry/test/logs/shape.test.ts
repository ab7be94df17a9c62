import { describe, expect, it } from 'vitest';
import { KeyRedactor, normaliseKey } from '../../src/logs/redaction.js';
import { MAX_DEPTH, RecordShaper } from '../../src/logs/shape.js';

const shaper = new RecordShaper(new KeyRedactor(['roomCode']));

describe('normaliseKey', () => {
  it.each([
    ['apiKey', 'apikey'],
    ['API_KEY', 'apikey'],
    ['x-api-key', 'xapikey'],
    ['Set-Cookie', 'setcookie'],
    ['client secret', 'clientsecret'],
  ])('turns %s into %s', (key, normalised) => {
    expect(normaliseKey(key)).toBe(normalised);
  });
});

describe('KeyRedactor', () => {
  const redactor = new KeyRedactor(['roomCode']);

  it.each([
    'password',
    'Authorization',
    'COOKIE',
    'token',
    'apiKey',
    'api_key',
    'secret',
    'accessToken',
    'room_code',
  ])('treats %s as secret', (key) => {
    expect(redactor.isSecret(key)).toBe(true);
  });

  it.each(['tokens', 'roomId', 'passwordHint', 'key', 'author'])(
    'leaves %s alone',
    (key) => {
      expect(redactor.isSecret(key)).toBe(false);
    },
  );
});

describe('RecordShaper', () => {
  it('redacts at any depth and inside arrays, maps and sets', () => {
    const shaped = shaper.shapeFields({
      list: [[{ token: 'a' }]],
      map: new Map<unknown, unknown>([
        ['secret', 'b'],
        [1, { cookie: 'c' }],
      ]),
      set: new Set([{ password: 'd' }]),
      roomCode: 'e',
    });

    expect(shaped).toEqual({
      list: [[{ token: 'REDACTED' }]],
      map: { secret: 'REDACTED', 1: { cookie: 'REDACTED' } },
      set: [{ password: 'REDACTED' }],
      roomCode: 'REDACTED',
    });
  });

  it('serialises an error with its cause chain, own fields and aggregate errors', () => {
    const root = Object.assign(new Error('root'), {
      code: 'E_ROOT',
      password: 'p',
    });
    const error = new AggregateError([new TypeError('first')], 'many', {
      cause: root,
    });

    const shaped = shaper.shapeValue(error) as Record<string, unknown>;

    expect(shaped).toMatchObject({
      name: 'AggregateError',
      message: 'many',
      cause: {
        name: 'Error',
        message: 'root',
        code: 'E_ROOT',
        password: 'REDACTED',
      },
      errors: [{ name: 'TypeError', message: 'first' }],
    });
    expect(shaped.stack).toBe(error.stack);
  });

  it('replaces circular references, a self-caused error among them', () => {
    const node: Record<string, unknown> = { name: 'a' };
    node.children = [node, { parent: node }];
    const error = new Error('loop');
    error.cause = error;

    expect(shaper.shapeValue(node)).toEqual({
      name: 'a',
      children: ['[Circular]', { parent: '[Circular]' }],
    });
    expect((shaper.shapeValue(error) as Record<string, unknown>).cause).toBe(
      '[Circular]',
    );
  });

  it('writes an object seen twice without a cycle in full both times', () => {
    const shared = { id: 1 };

    expect(shaper.shapeValue({ a: shared, b: shared })).toEqual({
      a: { id: 1 },
      b: { id: 1 },
    });
  });

  it('turns values JSON cannot hold into strings and drops functions', () => {
    const shaped = shaper.shapeFields({
      big: 12n,
      symbol: Symbol('s'),
      date: new Date('2026-01-02T03:04:05.000Z'),
      invalidDate: new Date('nope'),
      bytes: Buffer.from('abc'),
      url: new URL('https://seda.fm/rooms'),
      callback: () => 1,
      missing: undefined,
    });

    expect(shaped).toEqual({
      big: '12',
      symbol: 'Symbol(s)',
      date: '2026-01-02T03:04:05.000Z',
      invalidDate: 'Invalid Date',
      bytes: '[Buffer of 3 bytes]',
      url: 'https://seda.fm/rooms',
    });
  });

  it('truncates values nested deeper than the limit', () => {
    let deep: Record<string, unknown> = { secret: 'hidden' };
    for (let level = 0; level < MAX_DEPTH + 2; level++) deep = { next: deep };

    const text = JSON.stringify(shaper.shapeValue(deep));

    expect(text).toContain('[Truncated]');
    expect(text).not.toContain('hidden');
  });

  it('survives getters and toJSON methods that throw', () => {
    const hostile = {
      get boom(): never {
        throw new Error('getter');
      },
    };
    const badJson = {
      toJSON: () => {
        throw new Error('toJSON');
      },
    };

    expect(shaper.shapeFields({ hostile, badJson })).toEqual({
      hostile: '[Unserializable]',
      badJson: '[Unserializable]',
    });
  });

  it('leaves its input unchanged', () => {
    const input = { password: 'p', nested: { token: 't' } };

    shaper.shapeFields(input);

    expect(input).toEqual({ password: 'p', nested: { token: 't' } });
  });
});
