import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pseudonymizeUserId } from '../../src/business/events/pseudonym.js';

const KEY_A = 'a'.repeat(32);
const KEY_B = 'b'.repeat(32);

describe('pseudonymizeUserId', () => {
  it('is stable for one key', () => {
    expect(pseudonymizeUserId(42, KEY_A)).toBe(pseudonymizeUserId(42, KEY_A));
  });

  it('differs across keys', () => {
    expect(pseudonymizeUserId(42, KEY_A)).not.toBe(
      pseudonymizeUserId(42, KEY_B),
    );
  });

  it('differs across users', () => {
    expect(pseudonymizeUserId(42, KEY_A)).not.toBe(
      pseudonymizeUserId(43, KEY_A),
    );
  });

  it('is the HMAC-SHA-256 of the decimal id', () => {
    const expected = createHmac('sha256', KEY_A).update('42').digest('hex');

    expect(pseudonymizeUserId(42, KEY_A)).toBe(expected);
    expect(pseudonymizeUserId('42', KEY_A)).toBe(expected);
    expect(pseudonymizeUserId(42n, KEY_A)).toBe(expected);
  });

  it('hides the id', () => {
    const pseudonym = pseudonymizeUserId(913_587_201, KEY_A);

    expect(pseudonym).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonym).not.toContain('913587201');
  });
});
