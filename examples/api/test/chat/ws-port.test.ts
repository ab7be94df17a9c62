import { describe, expect, test } from 'vitest';
import { resolveWsPort } from '../../src/chat/ws-port.js';

describe('resolveWsPort', () => {
  test('WS_PORT wins over PORT', () => {
    expect(resolveWsPort({ WS_PORT: '4100' }, 3000)).toBe(4100);
  });

  test('WS_PORT 0 picks a free port', () => {
    expect(resolveWsPort({ WS_PORT: '0' }, 3000)).toBe(0);
  });

  test('follows the HTTP port by one', () => {
    expect(resolveWsPort({}, 3000)).toBe(3001);
  });

  test('free HTTP port means free ws port', () => {
    expect(resolveWsPort({}, 0)).toBe(0);
  });

  test('empty WS_PORT counts as unset', () => {
    expect(resolveWsPort({ WS_PORT: '' }, 8080)).toBe(8081);
  });

  test.each(['-1', '65536', '80a', '1.5'])('rejects WS_PORT "%s"', (value) => {
    expect(() => resolveWsPort({ WS_PORT: value }, 3000)).toThrow(
      `Invalid WS_PORT "${value}": use an integer from 0 to 65535.`,
    );
  });

  test('rejects HTTP port 65535 without WS_PORT', () => {
    expect(() => resolveWsPort({}, 65_535)).toThrow(/set WS_PORT/);
  });
});
