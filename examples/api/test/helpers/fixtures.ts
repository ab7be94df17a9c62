import { expect } from 'vitest';
import type { ApiClient } from './http.js';

let sequence = 0;

/** Returns a name no other call in this process returns. */
export function uniqueName(prefix: string): string {
  sequence += 1;
  return `${prefix}_${process.pid}_${sequence}`;
}

export interface TestUser {
  id: number;
  username: string;
  email: string;
}

/** Signs up a new user and checks the 201. */
export async function signUp(
  api: ApiClient,
  extra: Record<string, unknown> = {},
): Promise<TestUser> {
  const username = uniqueName('user');
  const email = `${username}@example.com`;
  const response = await api.post('/users', {
    email,
    username,
    displayName: `User ${username}`,
    ...extra,
  });
  expect(response.status).toBe(201);
  return { id: response.body.id, username, email };
}

/** Creates a room and checks the 201. */
export async function createRoom(
  api: ApiClient,
  kind?: string,
): Promise<number> {
  const response = await api.post('/rooms', { name: uniqueName('room'), kind });
  expect(response.status).toBe(201);
  return response.body.id;
}

/** Posts a message and checks the 201. */
export async function postMessage(
  api: ApiClient,
  roomId: number,
  userId: number,
  text: string,
): Promise<number> {
  const response = await api.post(`/rooms/${roomId}/messages`, {
    userId,
    text,
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

export const SPOTIFY_TRACK = {
  provider: 'spotify',
  title: 'So What',
  artist: 'Miles Davis',
  url: 'https://open.spotify.com/track/4vLYewWIvqHfKtJDk8c8tq',
};
