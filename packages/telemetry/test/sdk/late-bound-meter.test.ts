import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { LateBoundMeterProvider } from '../../src/sdk/late-bound-meter.js';
import { OnDemandReader, pointsOf } from '../support/on-demand-reader.js';

describe('LateBoundMeterProvider', () => {
  it('records into the provider bound later', async () => {
    const late = new LateBoundMeterProvider();
    const counter = late.getMeter('test').createCounter('things');
    const histogram = late.getMeter('test').createHistogram('latency', { unit: 's' });
    counter.add(5);

    const reader = new OnDemandReader();
    late.bind(new MeterProvider({ readers: [reader] }));
    counter.add(2, { kind: 'a' });
    histogram.record(0.5);

    const points = await pointsOf(reader);
    expect(points.get('things')).toEqual([{ attributes: { kind: 'a' }, value: 2 }]);
    expect(points.get('latency')?.[0]?.value).toMatchObject({ count: 1, sum: 0.5 });
  });
});
