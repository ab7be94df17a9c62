import type { Prisma } from '#generated/sqlite/client.js';
import { ReactionType, type TrackProvider } from '#generated/sqlite/enums.js';

/** Relations loaded with every message that the API returns. */
export const MESSAGE_INCLUDE = {
  user: { include: { artistProfile: true } },
} satisfies Prisma.MessageInclude;

export type MessageRow = Prisma.MessageGetPayload<{
  include: typeof MESSAGE_INCLUDE;
}>;

export type ReactionCounts = Record<ReactionType, number>;

export interface TrackView {
  provider: TrackProvider;
  title: string;
  artist: string;
  url: string;
}

export interface AuthorView {
  id: number;
  username: string;
  displayName: string;
  artist: { stageName: string; verified: boolean } | null;
}

/** A message as the API returns it, in JSON-safe values only. */
export interface MessageView {
  id: number;
  roomId: number;
  text: string;
  createdAt: string;
  author: AuthorView;
  track: TrackView | null;
  reactions: ReactionCounts;
}

/** Body of `GET /rooms/:id/messages`. */
export interface RoomHistory {
  roomId: number;
  messages: MessageView[];
}

/** Returns a count of 0 for every reaction type. */
export function emptyReactionCounts(): ReactionCounts {
  const entries = Object.values(ReactionType).map((type) => [type, 0]);
  return Object.fromEntries(entries) as ReactionCounts;
}

export function toMessageView(
  row: MessageRow,
  reactions: ReactionCounts,
): MessageView {
  return {
    id: row.id,
    roomId: row.roomId,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
    author: toAuthorView(row.user),
    track: toTrackView(row),
    reactions,
  };
}

function toAuthorView(user: MessageRow['user']): AuthorView {
  const profile = user.artistProfile;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    artist: profile && {
      stageName: profile.stageName,
      verified: profile.verified,
    },
  };
}

// The track columns are written together, so a null provider means that
// the message has no track.
function toTrackView(row: MessageRow): TrackView | null {
  if (row.trackProvider === null) {
    return null;
  }
  return {
    provider: row.trackProvider,
    title: row.trackTitle ?? '',
    artist: row.trackArtist ?? '',
    url: row.trackUrl ?? '',
  };
}
