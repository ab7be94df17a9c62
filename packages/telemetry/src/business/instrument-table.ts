import {
  ARTIST_STATUSES,
  AUTH_FAILURE_REASONS,
  RATE_LIMITED_ACTIONS,
  REACTION_TYPES,
  ROOM_KINDS,
  TRACK_PROVIDERS,
  USER_TYPES,
} from './attribute-values.js';
import {
  counter,
  type EventDefinition,
  FLAG,
  gauge,
  type InstrumentDefinition,
  oneOf,
} from './definitions.js';

/**
 * The one declaration of every business instrument and product event. The
 * recording API, the cardinality views, the metric reference and the tests
 * all read these objects.
 */

/** Scope name of the business meter and logger. */
export const BUSINESS_SCOPE = '@seda/telemetry/business';

const ROOM_KIND = oneOf(ROOM_KINDS);
const PROVIDER = oneOf(TRACK_PROVIDERS);

/** Counters recorded where each event happens, one per recording method. */
export const EVENT_COUNTERS = {
  userSignedUp: counter(
    'seda.user.signed_up',
    '{user}',
    'Users who signed up, by account type.',
    { 'seda.user.type': oneOf(USER_TYPES) },
  ),
  messageSent: counter(
    'seda.message.sent',
    '{message}',
    'Messages posted to rooms, by whether they share a track and by room kind.',
    { 'seda.message.has_track': FLAG, 'seda.room.kind': ROOM_KIND },
  ),
  trackShared: counter(
    'seda.track.shared',
    '{track}',
    'Tracks shared in messages, by provider.',
    { 'seda.track.provider': PROVIDER },
  ),
  reactionAdded: counter(
    'seda.reaction.added',
    '{reaction}',
    'Reactions added to messages, by reaction type.',
    { 'seda.reaction.type': oneOf(REACTION_TYPES) },
  ),
  roomJoined: counter(
    'seda.room.member.joined',
    '{member}',
    'Users who joined a room they were not a member of, by room kind.',
    { 'seda.room.kind': ROOM_KIND },
  ),
  roomLeft: counter(
    'seda.room.member.left',
    '{member}',
    'Users who left a room, by room kind.',
    { 'seda.room.kind': ROOM_KIND },
  ),
  artistVerified: counter(
    'seda.artist.verified',
    '{artist}',
    'Artist profiles verified.',
  ),
  authenticationFailed: counter(
    'seda.auth.failed',
    '{attempt}',
    'Authentication attempts that failed, by reason.',
    { 'seda.auth.failure.reason': oneOf(AUTH_FAILURE_REASONS) },
  ),
  rateLimitHit: counter(
    'seda.request.rate_limited',
    '{request}',
    'Requests rejected by a rate limit, by the action that was limited.',
    { 'seda.rate_limit.action': oneOf(RATE_LIMITED_ACTIONS) },
  ),
} as const satisfies Record<string, InstrumentDefinition>;

const ALL_AND_RECENT = oneOf(['all', '24h', '7d']);
const RECENT = oneOf(['24h', '7d']);

/** Gauges whose values come from database queries on their own schedule. */
export const DATABASE_GAUGES = {
  users: gauge(
    'seda.user.count',
    '{user}',
    'Users: every user, or those who signed up since 00:00 UTC or within ' +
      'the last 24 hours or 7 days.',
    { 'seda.window': oneOf(['all', 'today', '24h', '7d']) },
  ),
  activeUsers: gauge(
    'seda.user.active',
    '{user}',
    'Users who posted a message, added a reaction or joined a room within ' +
      'the window.',
    { 'seda.window': RECENT },
  ),
  rooms: gauge('seda.room.count', '{room}', 'Rooms.'),
  activeRooms: gauge(
    'seda.room.active',
    '{room}',
    'Rooms with at least one message posted within the window.',
    { 'seda.window': RECENT },
  ),
  messages: gauge(
    'seda.message.count',
    '{message}',
    'Messages: every message, or those posted within the window.',
    { 'seda.window': ALL_AND_RECENT },
  ),
  reactions: gauge(
    'seda.reaction.count',
    '{reaction}',
    'Reactions: every reaction, or those added within the window.',
    { 'seda.window': ALL_AND_RECENT },
  ),
  tracks: gauge(
    'seda.track.count',
    '{track}',
    'Messages that shared a track, by provider: every one, or those ' +
      'posted within the window.',
    { 'seda.track.provider': PROVIDER, 'seda.window': ALL_AND_RECENT },
  ),
  trackSharers: gauge(
    'seda.track.sharer.count',
    '{user}',
    'Users who have shared at least one track of the provider.',
    { 'seda.track.provider': PROVIDER },
  ),
  artists: gauge(
    'seda.artist.count',
    '{artist}',
    'Artist profiles, by verification status.',
    { 'seda.artist.status': oneOf(ARTIST_STATUSES) },
  ),
} as const satisfies Record<string, InstrumentDefinition>;

/** The attribute of the stale gauge that names the gauge it is about. */
export const GAUGE_NAME_ATTRIBUTE = 'seda.gauge.name';

export const STALE_GAUGE = gauge(
  'seda.business.gauge.stale',
  '1',
  '1 while a database gauge reports the value of an earlier refresh ' +
    'because its latest query failed or timed out, else 0.',
  {
    [GAUGE_NAME_ATTRIBUTE]: {
      type: 'sdk',
      description: 'the name of each registered gauge',
    },
  },
);

/** The attribute that carries the keyed hash of a user id in events. */
export const USER_HASH_ATTRIBUTE = 'user.hash';

/** Log records with an event name, for analytics that must not be metrics. */
export const PRODUCT_EVENTS = {
  userSignedUp: {
    name: 'seda.user.signed_up',
    description: 'A user signed up.',
    attributes: {
      [USER_HASH_ATTRIBUTE]: { type: 'pseudonym' },
      'seda.user.type': oneOf(USER_TYPES),
    },
  },
  trackShared: {
    name: 'seda.track.shared',
    description: 'A user shared a track in a room.',
    attributes: {
      [USER_HASH_ATTRIBUTE]: { type: 'pseudonym' },
      'seda.track.provider': PROVIDER,
      'seda.room.kind': ROOM_KIND,
      'seda.track.title': { type: 'text', description: 'the track title' },
      'seda.track.artist': { type: 'text', description: 'the artist name' },
    },
  },
  roomSessionEnded: {
    name: 'seda.room.session.ended',
    description: 'A user left a room, with the time since they joined it.',
    attributes: {
      [USER_HASH_ATTRIBUTE]: { type: 'pseudonym' },
      'seda.room.kind': ROOM_KIND,
      'seda.room.session.duration': {
        type: 'number',
        unit: 's',
        description: 'seconds from joining the room to leaving it',
      },
    },
  },
} as const satisfies Record<string, EventDefinition>;

/** Every metric instrument of the table, in reference order. */
export const BUSINESS_INSTRUMENTS: readonly InstrumentDefinition[] = [
  ...Object.values(EVENT_COUNTERS),
  ...Object.values(DATABASE_GAUGES),
  STALE_GAUGE,
];
