export { createBusinessMetrics } from './business-metrics.js';
export { createProductEvents } from './events/product-events.js';
export { pseudonymizeUserId } from './events/pseudonym.js';
export {
  defineGaugeQuery,
  type GaugeAttributeSets,
  type GaugeDeclaration,
  type TypedGaugeReading,
} from './gauges/define-gauge.js';
export { registerBusinessGauges } from './gauges/register.js';
export type {
  BusinessGauges,
  GaugeQuery,
  GaugeReading,
} from './gauges/types.js';
export {
  ARTIST_STATUSES,
  AUTH_FAILURE_REASONS,
  OTHER,
  RATE_LIMITED_ACTIONS,
  REACTION_TYPES,
  ROOM_KINDS,
  TIME_WINDOWS,
  TRACK_PROVIDERS,
  USER_TYPES,
} from './attribute-values.js';
export type {
  EnumAttribute,
  EventAttribute,
  EventDefinition,
  FlagAttribute,
  InstrumentDefinition,
  MetricAttribute,
  MetricAttributes,
  NumberAttribute,
  PseudonymAttribute,
  SdkAttribute,
  TextAttribute,
} from './definitions.js';
export {
  BUSINESS_INSTRUMENTS,
  BUSINESS_SCOPE,
  DATABASE_GAUGES,
  EVENT_COUNTERS,
  PRODUCT_EVENTS,
  STALE_GAUGE,
} from './instrument-table.js';
export { renderBusinessReference } from './reference.js';
export {
  type PrismaGaugeOptions,
  sedaPrismaGaugeQueries,
} from './prisma/seda-gauge-queries.js';
export type {
  CountDelegate,
  GroupByDelegate,
  SedaPrismaClient,
  WhereInput,
} from './prisma/client.js';
export type {
  ArtistStatus,
  AuthenticationFailed,
  AuthFailureReason,
  Bounded,
  BusinessGaugeOptions,
  BusinessMetrics,
  BusinessOptions,
  CustomProductEvent,
  MessageSent,
  ProductEvents,
  RateLimitedAction,
  RateLimitHit,
  ReactionAdded,
  ReactionType,
  RoomKind,
  RoomMembershipChanged,
  RoomSessionEndedEvent,
  TimeWindow,
  TrackProvider,
  TrackShared,
  TrackSharedEvent,
  UserId,
  UserSignedUp,
  UserSignedUpEvent,
  UserType,
} from './types.js';
