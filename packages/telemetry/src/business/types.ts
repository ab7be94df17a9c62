import type { AttributeValue } from '@opentelemetry/api';
import type {
  AuthFailureReason,
  RateLimitedAction,
  ReactionType,
  RoomKind,
  TrackProvider,
  UserType,
} from './attribute-values.js';

export type {
  ArtistStatus,
  AuthFailureReason,
  Bounded,
  RateLimitedAction,
  ReactionType,
  RoomKind,
  TimeWindow,
  TrackProvider,
  UserType,
} from './attribute-values.js';

/**
 * Settings of the business metrics and product events, under `business` in
 * the options of `startTelemetry`.
 */
export interface BusinessOptions {
  /**
   * Key of the HMAC-SHA-256 that turns user ids in product events into
   * `user.hash`, at least 32 bytes (RFC 2104 discourages keys shorter than
   * the hash output). Environment `SEDA_TELEMETRY_PSEUDONYM_KEY`. Without a
   * valid key, product events carry no user id and the SDK warns once.
   */
  pseudonymKey?: string;
  gauges?: BusinessGaugeOptions;
}

/** Schedule of the database gauges; `registerBusinessGauges` may override it. */
export interface BusinessGaugeOptions {
  /**
   * Time between two refreshes of the gauge queries. Default 300000
   * (5 minutes), at least 1000, environment
   * `SEDA_TELEMETRY_BUSINESS_REFRESH_INTERVAL`.
   */
  refreshIntervalMillis?: number;
  /**
   * Time after which a query counts as failed: the gauge keeps its last
   * value and is marked stale. Default 30000, at most the refresh interval,
   * environment `SEDA_TELEMETRY_BUSINESS_QUERY_TIMEOUT`.
   */
  queryTimeoutMillis?: number;
  /**
   * Delay of the first refresh after registration, so that the queries do
   * not add to the database load of start-up, and instances restarted
   * together do not all query at once. Default 60000, environment
   * `SEDA_TELEMETRY_BUSINESS_START_DELAY`; 0 refreshes at once.
   */
  startDelayMillis?: number;
}

export interface UserSignedUp {
  readonly userType: UserType;
}

export interface MessageSent {
  readonly hasTrack: boolean;
  readonly roomKind: RoomKind;
}

export interface TrackShared {
  readonly provider: TrackProvider;
}

export interface ReactionAdded {
  readonly reactionType: ReactionType;
}

export interface RoomMembershipChanged {
  readonly roomKind: RoomKind;
}

export interface AuthenticationFailed {
  readonly reason: AuthFailureReason;
}

export interface RateLimitHit {
  readonly action: RateLimitedAction;
}

/**
 * One method per business event, each adding 1 to its counter. Every
 * attribute is a declared value set or a boolean, so a user id, an email or
 * free text does not type-check. At run time a value outside its set is
 * recorded as `other`, and keys not declared are dropped. The methods never
 * throw, and record nothing until the SDK has started.
 */
export interface BusinessMetrics {
  userSignedUp(event: UserSignedUp): void;
  messageSent(event: MessageSent): void;
  trackShared(event: TrackShared): void;
  reactionAdded(event: ReactionAdded): void;
  roomJoined(event: RoomMembershipChanged): void;
  roomLeft(event: RoomMembershipChanged): void;
  artistVerified(): void;
  authenticationFailed(event: AuthenticationFailed): void;
  rateLimitHit(event: RateLimitHit): void;
}

/** A user id as the application stores it; only its keyed hash is sent. */
export type UserId = string | number | bigint;

export interface UserSignedUpEvent {
  readonly userId: UserId;
  readonly userType: UserType;
}

export interface TrackSharedEvent {
  readonly userId: UserId;
  readonly provider: TrackProvider;
  readonly roomKind: RoomKind;
  readonly title: string;
  readonly artist: string;
}

export interface RoomSessionEndedEvent {
  readonly userId: UserId;
  readonly roomKind: RoomKind;
  readonly durationSeconds: number;
}

/** A product event of the application's own, for `ProductEvents.emit`. */
export interface CustomProductEvent {
  /** Sent as `user.hash`, never as given. */
  readonly userId?: UserId;
  /**
   * Attributes sent as given: never put a raw user id, an email or other
   * personal data here.
   */
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

/**
 * Product events, sent as OpenTelemetry log records with an event name
 * through the SDK's logs pipeline (`OTEL_LOGS_EXPORTER`), for analytics
 * that must not become metric attributes: track titles and artists, session
 * lengths. User ids are replaced by their keyed hash in `user.hash`. The
 * methods never throw, and send nothing until the SDK has started.
 */
export interface ProductEvents {
  userSignedUp(event: UserSignedUpEvent): void;
  trackShared(event: TrackSharedEvent): void;
  roomSessionEnded(event: RoomSessionEndedEvent): void;
  /** Sends an event of the application's own under `eventName`. */
  emit(eventName: string, event?: CustomProductEvent): void;
}
