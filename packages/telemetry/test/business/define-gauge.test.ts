import { describe, expect, it } from 'vitest';
import { defineGaugeQuery } from '../../src/business/gauges/define-gauge.js';
import { captureDiagLines } from '../support/stderr.js';

const noReadings = async () => [];

describe('defineGaugeQuery attribute sets', () => {
  it('takes a string as one value', () => {
    const query = defineGaugeQuery(
      {
        name: 'test.plans',
        unit: '{plan}',
        description: 'Plans.',
        attributes: { 'billing.plan': 'pro' as never },
      },
      noReadings,
    );

    expect(query.gauge.attributes['billing.plan']).toEqual({
      type: 'enum',
      values: ['pro'],
    });
  });

  it('reports a set that is not an array', () => {
    const stderr = captureDiagLines();
    const query = defineGaugeQuery(
      {
        name: 'test.seats',
        unit: '{seat}',
        description: 'Seats.',
        attributes: { 'billing.tier': 5 as never },
      },
      noReadings,
    );
    stderr.restore();

    expect(query.gauge.attributes['billing.tier']).toEqual({ type: 'enum', values: [] });
    expect(stderr.lines().join('\n')).toContain(
      'defineGaugeQuery test.seats: attributes["billing.tier"]=5 is invalid',
    );
  });
});
