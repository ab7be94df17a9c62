import { randomBytes } from 'node:crypto';

/** Track providers that the API accepts. */
export const TRACK_PROVIDERS = [
  'spotify',
  'youtube',
  'soundcloud',
  'apple_music',
] as const;

export type TrackProvider = (typeof TRACK_PROVIDERS)[number];

/** A track as `POST /rooms/:id/messages` takes it. */
export interface Track {
  provider: TrackProvider;
  title: string;
  artist: string;
  url: string;
}

export const REACTION_TYPES = ['like', 'love', 'fire', 'laugh', 'sad'];

export const ROOM_KINDS = ['public', 'public', 'public', 'private', 'artist'];

const ROOM_NAMES = [
  'Late-night lo-fi',
  'Indie discoveries',
  'Jazz on Sunday',
  'Techno warehouse',
  'Bedroom pop club',
  'Listening party',
];

const MESSAGE_TEXTS = [
  'this one is on repeat all week',
  'anyone going to the show on Friday?',
  'the bass line at 1:20 though',
  'new to the room, hi all',
  'a deep cut for the late crowd',
  'saw them live last year, unreal',
  'what should we queue next?',
];

const TRACK_TITLES = [
  'Neon Harbour',
  'Paper Satellites',
  'Slow Orbit',
  'Glass Rivers',
  'Static Bloom',
];

const TRACK_ARTISTS = ['The Tidewaters', 'Mira Vale', 'Low Lanterns', 'KOTA'];

export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function roomName(): string {
  return pick(ROOM_NAMES);
}

export function messageText(): string {
  return pick(MESSAGE_TEXTS);
}

/** Makes up a track of `provider` with a URL in that provider's form. */
export function track(provider: TrackProvider): Track {
  const title = pick(TRACK_TITLES);
  const slug = title.toLowerCase().replaceAll(' ', '-');
  const urls: Record<TrackProvider, string> = {
    spotify: `https://open.spotify.com/track/${randomHex(11)}`,
    youtube: `https://www.youtube.com/watch?v=${randomHex(6)}`,
    soundcloud: `https://soundcloud.com/demo-artist/${slug}`,
    apple_music: `https://music.apple.com/us/album/${slug}/${randomHex(5)}`,
  };

  return { provider, title, artist: pick(TRACK_ARTISTS), url: urls[provider] };
}
