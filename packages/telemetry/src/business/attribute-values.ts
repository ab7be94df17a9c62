/**
 * The bounded value sets of business attributes. The instrument table, the
 * TypeScript types of the recording API and the run-time check all read
 * these arrays, so a value added here is accepted everywhere at once.
 */

/** Recorded in place of any value outside an attribute's declared set. */
export const OTHER = 'other';

/** Music services whose track links seda.fm plays. */
export const TRACK_PROVIDERS = [
  'spotify',
  'youtube',
  'soundcloud',
  'apple_music',
] as const;

export const REACTION_TYPES = ['like', 'love', 'fire', 'laugh', 'sad'] as const;

export const ROOM_KINDS = ['public', 'private', 'artist'] as const;

/** Account types at sign-up: an artist signs up with an artist profile. */
export const USER_TYPES = ['listener', 'artist'] as const;

export const AUTH_FAILURE_REASONS = [
  'missing_credentials',
  'invalid_credentials',
  'invalid_token',
  'expired_token',
  'account_locked',
  'mfa_failed',
  'oauth_failed',
] as const;

/** The actions that a rate limit can stop. */
export const RATE_LIMITED_ACTIONS = [
  'sign_up',
  'sign_in',
  'message',
  'reaction',
  'room_join',
  'api',
] as const;

export const ARTIST_STATUSES = ['verified', 'unverified'] as const;

/**
 * Time windows of the database gauges: every row (`all`), rows since
 * 00:00 UTC (`today`), or rows of the last 24 hours or 7 days.
 */
export const TIME_WINDOWS = ['all', 'today', '24h', '7d'] as const;

/** A declared value, or `other`. */
export type Bounded<Values extends readonly string[]> =
  Values[number] | typeof OTHER;

export type TrackProvider = Bounded<typeof TRACK_PROVIDERS>;
export type ReactionType = Bounded<typeof REACTION_TYPES>;
export type RoomKind = Bounded<typeof ROOM_KINDS>;
export type UserType = Bounded<typeof USER_TYPES>;
export type AuthFailureReason = Bounded<typeof AUTH_FAILURE_REASONS>;
export type RateLimitedAction = Bounded<typeof RATE_LIMITED_ACTIONS>;
export type ArtistStatus = Bounded<typeof ARTIST_STATUSES>;
export type TimeWindow = (typeof TIME_WINDOWS)[number];
