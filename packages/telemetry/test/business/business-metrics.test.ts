import { metrics } from '@opentelemetry/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RATE_LIMITED_ACTIONS } from '../../src/business/attribute-values.js';
import { createBusinessMetrics } from '../../src/business/business-metrics.js';
import {
  BUSINESS_SCOPE,
  EVENT_COUNTERS,
} from '../../src/business/instrument-table.js';
import type {
  BusinessMetrics,
  TrackProvider,
} from '../../src/business/types.js';
import type { MetricPoint } from '../../src/testing/metric-points.js';
import { SDK_VERSION } from '../../src/version.js';
import {
  startTestTelemetry,
  type TestTelemetry,
} from '../../src/testing/test-telemetry.js';

// Created before the SDK starts, as module-level code in an application is.
const business = createBusinessMetrics();

let telemetry: TestTelemetry;

beforeAll(() => {
  telemetry = startTestTelemetry({ logLevel: 'none' });
});

afterAll(() => telemetry.shutdown());

/** Collects and returns the points of one metric, as `attributes -> value`. */
async function series(name: string): Promise<MetricPoint[]> {
  const points = await telemetry.collectMetrics();
  return points.filter((point) => point.name === name);
}

function valueOf(
  points: readonly MetricPoint[],
  attributes: object,
): number | undefined {
  return points.find(
    (point) => JSON.stringify(point.attributes) === JSON.stringify(attributes),
  )?.value;
}

/** Calls every recording method once with declared values. */
function recordEach(api: BusinessMetrics): void {
  api.userSignedUp({ userType: 'artist' });
  api.messageSent({ hasTrack: true, roomKind: 'artist' });
  api.trackShared({ provider: 'soundcloud' });
  api.reactionAdded({ reactionType: 'fire' });
  api.roomJoined({ roomKind: 'private' });
  api.roomLeft({ roomKind: 'private' });
  api.artistVerified();
  api.authenticationFailed({ reason: 'expired_token' });
  api.rateLimitHit({ action: 'message' });
}

describe('createBusinessMetrics', () => {
  beforeEach(async () => {
    // Counters are cumulative: read the current totals before each test.
    await telemetry.collectMetrics();
  });

  it('records every counter with its declared attributes', async () => {
    const before = await telemetry.collectMetrics();

    recordEach(createBusinessMetrics());

    const after = await telemetry.collectMetrics();
    for (const definition of Object.values(EVENT_COUNTERS)) {
      const points = after.filter((point) => point.name === definition.name);
      const total = (list: readonly MetricPoint[]) =>
        list
          .filter((point) => point.name === definition.name)
          .reduce((sum, point) => sum + (point.value ?? 0), 0);
      expect(total(after) - total(before), definition.name).toBe(1);
      for (const point of points) {
        expect(point.type, definition.name).toBe('sum');
        expect(point.monotonic, definition.name).toBe(true);
        expect(point.unit, definition.name).toBe(definition.unit);
        expect(point.description, definition.name).toBe(definition.description);
        expect(point.scope, definition.name).toBe(BUSINESS_SCOPE);
        expect(Object.keys(point.attributes).sort(), definition.name).toEqual(
          Object.keys(definition.attributes).sort(),
        );
      }
    }
  });

  it('counts each call', async () => {
    business.reactionAdded({ reactionType: 'like' });
    business.reactionAdded({ reactionType: 'like' });
    business.reactionAdded({ reactionType: 'sad' });

    const points = await series('seda.reaction.added');
    expect(valueOf(points, { 'seda.reaction.type': 'like' })).toBe(2);
    expect(valueOf(points, { 'seda.reaction.type': 'sad' })).toBe(1);
  });

  it('records a message with and without a track', async () => {
    business.messageSent({ hasTrack: false, roomKind: 'public' });
    business.messageSent({ hasTrack: true, roomKind: 'public' });
    business.messageSent({ hasTrack: true, roomKind: 'public' });

    const points = await series('seda.message.sent');
    expect(
      valueOf(points, {
        'seda.message.has_track': false,
        'seda.room.kind': 'public',
      }),
    ).toBe(1);
    expect(
      valueOf(points, {
        'seda.message.has_track': true,
        'seda.room.kind': 'public',
      }),
    ).toBe(2);
  });

  it('records a provider outside the set as other', async () => {
    business.trackShared({ provider: 'tidal' as TrackProvider });
    business.trackShared({ provider: 'Spotify' as TrackProvider });

    const points = await series('seda.track.shared');
    expect(valueOf(points, { 'seda.track.provider': 'other' })).toBe(2);
    expect(
      points.map((point) => point.attributes['seda.track.provider']),
    ).not.toContain('tidal');
  });

  it('drops attribute keys it does not declare', async () => {
    const event = {
      provider: 'youtube',
      userId: 913_587_201,
      email: 'ada@example.com',
    };

    business.trackShared(event as never);

    const points = await series('seda.track.shared');
    for (const point of points) {
      expect(Object.keys(point.attributes)).toEqual(['seda.track.provider']);
    }
    expect(JSON.stringify(points)).not.toContain('913587201');
    expect(JSON.stringify(points)).not.toContain('ada@example.com');
  });

  it('does not throw without an argument', () => {
    const untyped = business as unknown as Record<
      string,
      (event?: unknown) => void
    >;

    for (const method of Object.keys(EVENT_COUNTERS)) {
      expect(() => untyped[method]?.()).not.toThrow();
      expect(() => untyped[method]?.(null)).not.toThrow();
    }
  });

  it('bounds 10000 invented values to one series', async () => {
    const before = await series('seda.request.rate_limited');

    for (let i = 0; i < 10_000; i += 1) {
      business.rateLimitHit({ action: `invented-${i}` as never });
    }

    const after = await series('seda.request.rate_limited');
    const other = { 'seda.rate_limit.action': 'other' };
    expect(after.map((point) => point.attributes)).toEqual(
      expect.arrayContaining([other]),
    );
    expect(after.length).toBeLessThanOrEqual(before.length + 1);
    expect(after.length).toBeLessThanOrEqual(RATE_LIMITED_ACTIONS.length + 1);
    expect(valueOf(after, other)).toBe((valueOf(before, other) ?? 0) + 10_000);
  });
});

describe('cardinality view', () => {
  it('bounds 10000 values recorded past the API', async () => {
    // Code that records on the business meter directly still meets the
    // SDK's view, which bounds attributes as the API does.
    const direct = metrics
      .getMeter(BUSINESS_SCOPE, SDK_VERSION)
      .createCounter(EVENT_COUNTERS.trackShared.name, {
        unit: EVENT_COUNTERS.trackShared.unit,
        description: EVENT_COUNTERS.trackShared.description,
      });
    const before = await series(EVENT_COUNTERS.trackShared.name);
    const otherBefore =
      valueOf(before, { 'seda.track.provider': 'other' }) ?? 0;

    for (let i = 0; i < 10_000; i += 1) {
      direct.add(1, {
        'seda.track.provider': `provider-${i}`,
        'user.id': `${i}`,
      });
    }

    const after = await series(EVENT_COUNTERS.trackShared.name);
    const labels = (points: readonly MetricPoint[]) =>
      points.map((point) => JSON.stringify(point.attributes)).sort();
    expect(labels(after)).toEqual(
      [
        ...new Set([...labels(before), '{"seda.track.provider":"other"}']),
      ].sort(),
    );
    expect(valueOf(after, { 'seda.track.provider': 'other' })).toBe(
      otherBefore + 10_000,
    );
  });
});
