import { expect } from 'vitest';
import type { Database } from '../../../src/prisma/database-client.js';
import { randomSuffix } from '../../helpers/databases.js';
import type { ApiClient } from '../../helpers/http.js';

const DAY_MILLIS = 86_400_000;

/** What the scripted traffic created, and the text a search must not find. */
export interface ScriptedWorld {
  /** Users signed up through the API: two listeners and one artist. */
  listenerA: number;
  listenerB: number;
  artist: number;
  /** A user written straight to the database three days ago. */
  oldUser: number;
  /** Emails, usernames, message texts and track titles sent. */
  privateText: string[];
}

/**
 * Sends a fixed script of requests, then adds rows dated 3 and 10 days back
 * straight through Prisma (the API always stamps the current time):
 *
 * - sign-ups: 2 listeners, 1 artist; rooms: 1 public, 1 artist
 * - joins: A and B the public room (A twice), the artist the artist room
 * - messages: A plain, A spotify, B youtube (public); artist spotify
 * - reactions: B `like` and artist `fire`, both on A's plain message
 * - B leaves the public room; the artist profile is verified twice
 * - old user D (an unverified artist): a soundcloud message 3 days ago,
 *   a message and a reaction 10 days ago
 */
export async function runScriptedTraffic(
  api: ApiClient,
  client: Database,
): Promise<ScriptedWorld> {
  const tag = randomSuffix();
  const privateText: string[] = [];
  const signUp = async (name: string, artist?: boolean) => {
    const username = `biz_${tag}_${name}`;
    const email = `${username}@mail.example`;
    privateText.push(username, email);
    const response = await api.post('/users', {
      email,
      username,
      displayName: `Private ${name} ${tag}`,
      ...(artist ? { artist: { stageName: `Stage ${tag}` } } : {}),
    });
    expect(response.status).toBe(201);
    return response.body.id as number;
  };
  const listenerA = await signUp('a');
  const listenerB = await signUp('b');
  const artist = await signUp('c', true);

  const publicRoom = await created(
    api.post('/rooms', { name: 'Lobby', kind: 'public' }),
  );
  const artistRoom = await created(
    api.post('/rooms', { name: 'Stage', kind: 'artist' }),
  );
  for (const [room, user] of [
    [publicRoom, listenerA],
    [publicRoom, listenerB],
    [artistRoom, artist],
    [publicRoom, listenerA],
  ] as const) {
    const joined = await api.post(`/rooms/${room}/join`, { userId: user });
    expect([200, 201]).toContain(joined.status);
  }

  const post = async (room: number, userId: number, provider?: string) => {
    const text = `private message ${tag} ${privateText.length}`;
    const title = `Private Title ${tag} ${privateText.length}`;
    privateText.push(text, title);
    const track = provider && {
      provider,
      title,
      artist: 'Private Artist',
      url: `https://example.com/${tag}`,
    };
    return created(
      api.post(`/rooms/${room}/messages`, { userId, text, track }),
    );
  };
  const plain = await post(publicRoom, listenerA);
  await post(publicRoom, listenerA, 'spotify');
  await post(publicRoom, listenerB, 'youtube');
  await post(artistRoom, artist, 'spotify');
  await created(
    api.post(`/messages/${plain}/reactions`, {
      userId: listenerB,
      type: 'like',
    }),
  );
  await created(
    api.post(`/messages/${plain}/reactions`, { userId: artist, type: 'fire' }),
  );

  const left = await api.post(`/rooms/${publicRoom}/leave`, {
    userId: listenerB,
  });
  expect(left.status).toBe(204);
  for (let i = 0; i < 2; i += 1) {
    const verified = await api.post(`/users/${artist}/artist/verification`);
    expect(verified.status).toBe(200);
  }

  const oldUser = await addOldRows(client, tag, publicRoom, artistRoom, plain);
  return { listenerA, listenerB, artist, oldUser, privateText };
}

async function created(
  request: Promise<{ status: number; body: any }>,
): Promise<number> {
  const response = await request;
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as number;
}

async function addOldRows(
  client: Database,
  tag: string,
  publicRoom: number,
  artistRoom: number,
  message: number,
): Promise<number> {
  const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MILLIS);
  const user = await client.user.create({
    data: {
      email: `old_${tag}@mail.example`,
      username: `old_${tag}`,
      displayName: 'Old',
      createdAt: daysAgo(3),
      artistProfile: { create: { stageName: `Old ${tag}` } },
    },
  });
  await client.message.create({
    data: {
      roomId: publicRoom,
      userId: user.id,
      text: 'old track',
      trackProvider: 'soundcloud',
      trackTitle: 'Old title',
      trackArtist: 'Old artist',
      trackUrl: 'https://soundcloud.com/old',
      createdAt: daysAgo(3),
    },
  });
  await client.message.create({
    data: {
      roomId: artistRoom,
      userId: user.id,
      text: 'older',
      createdAt: daysAgo(10),
    },
  });
  await client.reaction.create({
    data: {
      messageId: message,
      userId: user.id,
      type: 'sad',
      createdAt: daysAgo(10),
    },
  });
  return user.id;
}
