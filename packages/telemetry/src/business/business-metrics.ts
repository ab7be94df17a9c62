import type { Counter } from '@opentelemetry/api';
import { boundAttributes } from './bounded-attributes.js';
import { EVENT_COUNTERS } from './instrument-table.js';
import { MeterBound } from './provider-bound.js';
import type { BusinessMetrics } from './types.js';

type CounterKey = keyof typeof EVENT_COUNTERS;

/**
 * Creates the recording API of the business event counters. Create it once
 * at module level and call its methods where each event happens. It binds
 * to the SDK's meter provider lazily, so it may be created before
 * `startTelemetry` runs.
 */
export function createBusinessMetrics(): BusinessMetrics {
  const counters = new MeterBound((meter) => {
    const created = {} as Record<CounterKey, Counter>;
    for (const [key, definition] of entries()) {
      created[key] = meter.createCounter(definition.name, {
        unit: definition.unit,
        description: definition.description,
      });
    }
    return created;
  });
  const add = (key: CounterKey, attributes?: Record<string, unknown>) => {
    const declared = EVENT_COUNTERS[key].attributes;
    counters.get()[key].add(1, boundAttributes(declared, attributes));
  };

  // Optional chaining keeps a call without an argument, which plain
  // JavaScript allows, from throwing into the application.
  return {
    userSignedUp: (event) =>
      add('userSignedUp', { 'seda.user.type': event?.userType }),
    messageSent: (event) =>
      add('messageSent', {
        'seda.message.has_track': event?.hasTrack,
        'seda.room.kind': event?.roomKind,
      }),
    trackShared: (event) =>
      add('trackShared', { 'seda.track.provider': event?.provider }),
    reactionAdded: (event) =>
      add('reactionAdded', { 'seda.reaction.type': event?.reactionType }),
    roomJoined: (event) =>
      add('roomJoined', { 'seda.room.kind': event?.roomKind }),
    roomLeft: (event) => add('roomLeft', { 'seda.room.kind': event?.roomKind }),
    artistVerified: () => add('artistVerified'),
    authenticationFailed: (event) =>
      add('authenticationFailed', {
        'seda.auth.failure.reason': event?.reason,
      }),
    rateLimitHit: (event) =>
      add('rateLimitHit', { 'seda.rate_limit.action': event?.action }),
  };
}

function entries() {
  return Object.entries(EVENT_COUNTERS) as [
    CounterKey,
    (typeof EVENT_COUNTERS)[CounterKey],
  ][];
}
