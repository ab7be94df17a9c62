import { describe, expect, it } from 'vitest';
import {
  boundAttributes,
  MAX_REGISTERED_GAUGES,
  seriesLimit,
} from '../../src/business/bounded-attributes.js';
import { FLAG, oneOf } from '../../src/business/definitions.js';

const DECLARED = {
  'seda.track.provider': oneOf(['spotify', 'youtube']),
  'seda.message.has_track': FLAG,
};

describe('boundAttributes', () => {
  it('keeps declared values', () => {
    const bound = boundAttributes(DECLARED, {
      'seda.track.provider': 'youtube',
      'seda.message.has_track': true,
    });

    expect(bound).toEqual({
      'seda.track.provider': 'youtube',
      'seda.message.has_track': true,
    });
  });

  it('records an undeclared value as other', () => {
    const bound = boundAttributes(DECLARED, { 'seda.track.provider': 'tidal' });

    expect(bound['seda.track.provider']).toBe('other');
  });

  it('records a missing or non-string enum as other', () => {
    expect(boundAttributes(DECLARED, {})['seda.track.provider']).toBe('other');
    expect(
      boundAttributes(DECLARED, { 'seda.track.provider': 42 })[
        'seda.track.provider'
      ],
    ).toBe('other');
  });

  it('drops a flag that is not a boolean', () => {
    const bound = boundAttributes(DECLARED, {
      'seda.message.has_track': 'yes',
    });

    expect(bound).not.toHaveProperty('seda.message.has_track');
  });

  it('drops undeclared keys', () => {
    const bound = boundAttributes(DECLARED, {
      'seda.track.provider': 'spotify',
      'user.id': '42',
      'user.email': 'ada@example.com',
    });

    expect(Object.keys(bound)).toEqual(['seda.track.provider']);
  });

  it('treats prototype keys as undeclared', () => {
    const bound = boundAttributes(DECLARED, {
      'seda.track.provider': 'constructor',
    });

    expect(bound['seda.track.provider']).toBe('other');
  });
});

describe('seriesLimit', () => {
  it('counts other, absent flags and the overflow series', () => {
    // (2 providers + other) x (true, false, absent) + overflow
    expect(seriesLimit(DECLARED)).toBe(3 * 3 + 1);
  });

  it('allows one series and overflow without attributes', () => {
    expect(seriesLimit({})).toBe(2);
  });

  it('bounds sdk attributes by the registration limit', () => {
    const limit = seriesLimit({
      'seda.gauge.name': { type: 'sdk', description: 'a gauge name' },
    });

    expect(limit).toBe(MAX_REGISTERED_GAUGES + 1);
  });
});
