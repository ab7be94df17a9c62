import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient } from './api-client.js';
import type { ChatEndpoints } from './chat-connection.js';
import {
  runChatSession,
  type ChatSessionContext,
  type SessionPlan,
} from './chat-session.js';
import { CHAT_LIBRARIES, type ChatTrafficStats } from './chat-stats.js';
import { pick, track, TRACK_PROVIDERS } from './sample-data.js';
import type { TrafficWorld } from './traffic-world.js';

export interface ChatTrafficOptions {
  endpoints: ChatEndpoints;
  /** The counted HTTP client, for the chat users' sign-ups and rooms. */
  client: ApiClient;
  world: TrafficWorld;
  stats: ChatTrafficStats;
  /** `performance.now()` after which no session starts an action. */
  until: number;
  signal: AbortSignal;
}

/** Chat clients running at once, alternating between the libraries. */
const CHAT_CLIENTS = 6;

/** Rooms the chat clients meet in. */
const CHAT_ROOMS = 2;

/** Tracks the chat messages share. */
const SHARED_TRACKS = 3;

const ACTIONS_PER_SESSION = { min: 4, max: 10 };

/** Pause of a chat client between two sessions, in milliseconds. */
const RECONNECT_MILLIS = { min: 100, max: 300 };

/**
 * Runs chat clients on both gateways until `until`. Each signs up over
 * HTTP and then connects again and again. A session joins a room, sends an
 * undeclared event, chats (some messages share a track), types, reacts,
 * now and then sends an invalid message, and leaves. Every other session
 * sends `traceparent`, and one in three ends by destroying its socket.
 */
export async function runChatTraffic(
  options: ChatTrafficOptions,
): Promise<void> {
  const roomIds = await createChatRooms(options);
  if (roomIds.length === 0) return;

  const context: ChatSessionContext = {
    ...options,
    roomIds,
    tracks: Array.from({ length: SHARED_TRACKS }, () =>
      track(pick(TRACK_PROVIDERS)),
    ),
  };
  const clients = Array.from({ length: CHAT_CLIENTS }, (_, i) =>
    runChatClient(context, i),
  );
  await Promise.all(clients);
}

async function createChatRooms(options: ChatTrafficOptions): Promise<number[]> {
  const created = await Promise.all(
    Array.from({ length: CHAT_ROOMS }, () => createChatRoom(options)),
  );
  const roomIds = created.filter((id) => id !== undefined);
  options.world.roomIds.push(...roomIds);
  return roomIds;
}

async function createChatRoom(
  options: ChatTrafficOptions,
): Promise<number | undefined> {
  const response = await options.client
    .post('create room', '/rooms', { name: 'Listening party' })
    .catch(() => undefined);
  const id = (response?.body as { id?: unknown } | undefined)?.id;
  return response?.status === 201 && typeof id === 'number' ? id : undefined;
}

async function runChatClient(
  context: ChatSessionContext,
  clientNumber: number,
): Promise<void> {
  const userId = await signUpChatUser(context);
  if (userId === undefined) return;

  const library = CHAT_LIBRARIES[clientNumber % CHAT_LIBRARIES.length];
  // The first session runs even when the time is up, so that a short run
  // on a slow start still has every kind of chat event.
  for (let session = 0; session === 0 || !stopped(context); session += 1) {
    const plan: SessionPlan = {
      library: library ?? 'socket.io',
      userId,
      traceparent: session % 2 === 0 ? newTraceparent() : undefined,
      destroy: (session + clientNumber) % 3 === 1,
      actions: between(ACTIONS_PER_SESSION),
    };
    // The session counted its failure; the next one connects again.
    await runChatSession(context, plan).catch(() => undefined);
    await sleep(between(RECONNECT_MILLIS), undefined, {
      signal: context.signal,
    }).catch(() => undefined);
  }
}

/**
 * Signs a chat user up. The user stays out of the world's users, so that
 * the HTTP traffic does not make it leave rooms its sessions are in.
 */
async function signUpChatUser(
  context: ChatSessionContext,
): Promise<number | undefined> {
  const response = await context.client
    .post('sign-up', '/users', context.world.newSignUp())
    .catch(() => undefined);
  const id = (response?.body as { id?: unknown } | undefined)?.id;
  return response?.status === 201 && typeof id === 'number' ? id : undefined;
}

function stopped(context: ChatSessionContext): boolean {
  return context.signal.aborted || performance.now() >= context.until;
}

/** Creates a `traceparent` of a sampled span that exists only here. */
function newTraceparent(): string {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return `00-${traceId}-${spanId}-01`;
}

function between({ min, max }: { min: number; max: number }): number {
  return Math.round(min + Math.random() * (max - min));
}
