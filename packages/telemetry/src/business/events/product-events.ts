import { type Attributes, SeverityNumber } from '@opentelemetry/api';
import { componentLogger } from '../../diag/logger.js';
import type { EventDefinition } from '../definitions.js';
import { PRODUCT_EVENTS, USER_HASH_ATTRIBUTE } from '../instrument-table.js';
import { LoggerBound } from '../provider-bound.js';
import { currentBusinessRuntime } from '../runtime.js';
import type { ProductEvents, UserId } from '../types.js';
import { eventAttributes } from './event-attributes.js';

/**
 * Creates the product event API. Create it once at module level; it sends
 * through the logger provider of the running SDK, so it may be created
 * before `startTelemetry` runs.
 */
export function createProductEvents(): ProductEvents {
  const logger = new LoggerBound();
  const send = (eventName: string, userId: unknown, attributes: Attributes) => {
    const runtime = currentBusinessRuntime();
    if (!runtime) return;

    try {
      const userHash = isUserId(userId) ? runtime.userHash(userId) : undefined;
      logger.get().emit({
        eventName,
        severityNumber: SeverityNumber.INFO,
        severityText: 'INFO',
        attributes:
          userHash === undefined
            ? attributes
            : { ...attributes, [USER_HASH_ATTRIBUTE]: userHash },
      });
    } catch (error) {
      componentLogger('business').warn(`event ${eventName} not sent:`, error);
    }
  };
  const declared = (
    definition: EventDefinition,
    userId: unknown,
    values: Record<string, unknown>,
  ) => send(definition.name, userId, eventAttributes(definition, values));

  return {
    userSignedUp: (event) =>
      declared(PRODUCT_EVENTS.userSignedUp, event?.userId, {
        'seda.user.type': event?.userType,
      }),
    trackShared: (event) =>
      declared(PRODUCT_EVENTS.trackShared, event?.userId, {
        'seda.track.provider': event?.provider,
        'seda.room.kind': event?.roomKind,
        'seda.track.title': event?.title,
        'seda.track.artist': event?.artist,
      }),
    roomSessionEnded: (event) =>
      declared(PRODUCT_EVENTS.roomSessionEnded, event?.userId, {
        'seda.room.kind': event?.roomKind,
        'seda.room.session.duration': event?.durationSeconds,
      }),
    emit: (eventName, event) => {
      if (typeof eventName !== 'string' || eventName === '') {
        componentLogger('business').warn(
          `event not sent: invalid event name ${describeName(eventName)}, ` +
            'expected a non-empty string such as seda.playlist.created',
        );
        return;
      }
      // Only the SDK sets the pseudonym, so a raw id cannot pass as one.
      const attributes: Attributes = { ...event?.attributes };
      delete attributes[USER_HASH_ATTRIBUTE];
      send(eventName, event?.userId, attributes);
    },
  };
}

function isUserId(value: unknown): value is UserId {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint'
  );
}

function describeName(name: unknown): string {
  if (typeof name === 'string') return JSON.stringify(name);
  if (typeof name === 'object' || typeof name === 'function') {
    return name === null ? 'null' : `of type ${typeof name}`;
  }
  return String(name);
}
