import type { ApiClient } from './api-client.js';
import {
  messageText,
  pick,
  randomHex,
  REACTION_TYPES,
  ROOM_KINDS,
  roomName,
  track,
  TRACK_PROVIDERS,
} from './sample-data.js';
import type { TrafficWorld } from './traffic-world.js';

export interface ActionContext {
  client: ApiClient;
  world: TrafficWorld;
}

/** One kind of request a virtual user makes, with the ids it needs. */
export type Action = (context: ActionContext) => Promise<void>;

/** Share of message posts that share a track. */
const TRACK_SHARE = 0.4;

/** Ids far above those a demo run creates, within PostgreSQL's integer. */
const UNKNOWN_ID_BASE = 1_000_000_000;

const UNKNOWN_PATH_PREFIXES = ['api/v2', 'static', 'admin', 'playlists'];

const HISTORY_LIMITS = [10, 20, 50];

function idOf(body: unknown): number | undefined {
  const id = (body as { id?: unknown } | undefined)?.id;

  return typeof id === 'number' ? id : undefined;
}

export const signUp: Action = async ({ client, world }) => {
  const body = world.newSignUp();
  const response = await client.post('sign-up', '/users', body);
  const id = idOf(response.body);

  if (response.status !== 201 || id === undefined) return;
  world.userIds.push(id);
  world.signUps.push(body);
  if (body.artist !== undefined) world.artistIds.push(id);
};

export const createRoom: Action = async ({ client, world }) => {
  const body = { name: roomName(), kind: pick(ROOM_KINDS) };
  const response = await client.post('create room', '/rooms', body);
  const id = idOf(response.body);

  if (response.status === 201 && id !== undefined) world.roomIds.push(id);
};

const joinRoom: Action = async ({ client, world }) => {
  const roomId = world.randomRoomId() as number;
  const userId = world.randomUserId() as number;
  const response = await client.post('join room', `/rooms/${roomId}/join`, {
    userId,
  });

  if (response.status === 201) world.addMembership({ roomId, userId });
};

/** Leaves a room that a join entered, or joins one when none is left. */
const leaveRoom: Action = async ({ client, world }) => {
  const membership = world.takeMembership();

  if (membership === undefined) return joinRoom({ client, world });
  await client.post('leave room', `/rooms/${membership.roomId}/leave`, {
    userId: membership.userId,
  });
};

/** Verifies an artist's profile, as a moderator would. */
const verifyArtist: Action = async ({ client, world }) => {
  const artistId = world.randomArtistId();

  if (artistId === undefined) return signUp({ client, world });
  await client.post(
    'verify artist',
    `/users/${artistId}/artist/verification`,
    {},
  );
};

const roomDetails: Action = async ({ client, world }) => {
  await client.get('room details', `/rooms/${world.randomRoomId()}`);
};

const postMessage: Action = async ({ client, world }) => {
  const roomId = world.randomRoomId() as number;
  const body: Record<string, unknown> = {
    userId: world.randomUserId(),
    text: messageText(),
  };
  let action = 'post message';

  if (Math.random() < TRACK_SHARE) {
    const provider = pick(TRACK_PROVIDERS);

    body.track = track(provider);
    action = `share ${provider} track`;
  }

  const response = await client.post(action, `/rooms/${roomId}/messages`, body);
  const id = idOf(response.body);

  if (response.status === 201 && id !== undefined) {
    world.addMessage({ id, roomId });
  }
};

/** Reacts to a known message. A repeated reaction gets a realistic 409. */
const react: Action = async ({ client, world }) => {
  const message = world.randomMessage();

  if (message === undefined) return postMessage({ client, world });
  await client.post('react', `/messages/${message.id}/reactions`, {
    userId: world.randomUserId(),
    type: pick(REACTION_TYPES),
  });
};

const readHistory: Action = async ({ client, world }) => {
  const path = `/rooms/${world.randomRoomId()}/messages`;

  await client.get('read history', `${path}?limit=${pick(HISTORY_LIMITS)}`);
};

/**
 * Posts a message without text and with a string user id, or a room
 * without a name before any room exists: a 400 either way.
 */
const sendBadBody: Action = async ({ client, world }) => {
  const roomId = world.randomRoomId();

  if (roomId === undefined) {
    await client.post('bad body', '/rooms', { name: '', kind: 'stadium' });
    return;
  }
  await client.post('bad body', `/rooms/${roomId}/messages`, {
    userId: 'me',
  });
};

const requestUnknownRoom: Action = async ({ client }) => {
  const id = UNKNOWN_ID_BASE + Math.floor(Math.random() * 1_000_000);

  await client.get('unknown room', `/rooms/${id}`);
};

/** Requests a path no route matches, as scanners and stale clients do. */
const requestUnknownPath: Action = async ({ client }) => {
  const path = `/${pick(UNKNOWN_PATH_PREFIXES)}/${randomHex(4)}`;

  await client.get('unknown path', path);
};

/** Sends a sign-up again, which the API rejects with 409. */
const signUpAgain: Action = async ({ client, world }) => {
  const body = world.randomSignUp();

  if (body === undefined) return signUp({ client, world });
  await client.post('duplicate sign-up', '/users', body);
};

/** The requests that the API rejects with a 4xx, one of each kind. */
export const INVALID_ACTIONS: readonly Action[] = [
  sendBadBody,
  requestUnknownRoom,
  requestUnknownPath,
  signUpAgain,
];

/** Actions with their relative weights, of which the invalid ones are 10%. */
const WEIGHTED_ACTIONS: readonly [Action, number][] = [
  [postMessage, 30],
  [readHistory, 18],
  [react, 14],
  [roomDetails, 8],
  [joinRoom, 8],
  [leaveRoom, 3],
  [verifyArtist, 1],
  [createRoom, 4],
  [signUp, 4],
  [sendBadBody, 3],
  [requestUnknownRoom, 3],
  [requestUnknownPath, 2],
  [signUpAgain, 2],
];

const TOTAL_WEIGHT = WEIGHTED_ACTIONS.reduce(
  (sum, [, weight]) => sum + weight,
  0,
);

/**
 * Picks the next action at random by weight, or the sign-up or room
 * creation that the others need first.
 */
export function chooseAction(world: TrafficWorld): Action {
  if (world.userIds.length === 0) return signUp;
  if (world.roomIds.length === 0) return createRoom;

  let ticket = Math.random() * TOTAL_WEIGHT;

  for (const [action, weight] of WEIGHTED_ACTIONS) {
    ticket -= weight;
    if (ticket < 0) return action;
  }
  return postMessage;
}
