import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import {
  createSqliteDatabase,
  type TestDatabase,
} from '../helpers/databases.js';
import { createRoom, signUp, SPOTIFY_TRACK } from '../helpers/fixtures.js';
import { apiClient, type ApiClient } from '../helpers/http.js';
import {
  CHAT_LIBRARIES,
  connectChat,
  killChatClients,
  type ChatLibrary,
  type ChatTestClient,
} from './support/chat-clients.js';

let database: TestDatabase;
let server: RunningApp;
let api: ApiClient;

beforeAll(async () => {
  database = await createSqliteDatabase();
  server = await startApp({
    port: 0,
    databaseUrl: database.url,
    env: {},
    logger: ['error'],
  });
  api = apiClient(server.url);
});

afterEach(() => {
  killChatClients();
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
});

interface Member {
  client: ChatTestClient;
  userId: number;
}

/** Connects a new user to the room over `library` and joins it. */
async function joinAs(library: ChatLibrary, roomId: number): Promise<Member> {
  const user = await signUp(api);
  const client = await connectChat(library, server);

  const reply = await client.request('room:join', { roomId, userId: user.id });

  expect(reply.error).toBeUndefined();
  return { client, userId: user.id };
}

describe.each(CHAT_LIBRARIES)('chat gateway on %s', (library) => {
  test('join adds the member', async () => {
    const roomId = await createRoom(api);
    const first = await joinAs(library, roomId);
    const user = await signUp(api);
    const client = await connectChat(library, server);
    const announced = first.client.next('room:joined');

    const reply = await client.request('room:join', {
      roomId,
      userId: user.id,
    });

    expect(reply.data).toMatchObject({
      roomId,
      userId: user.id,
      created: true,
    });
    expect(await announced).toEqual({ roomId, userId: user.id });
    const room = await api.get(`/rooms/${roomId}`);
    expect(room.body.memberCount).toBe(2);
  });

  test('message is stored and broadcast', async () => {
    const roomId = await createRoom(api);
    const sender = await joinAs(library, roomId);
    const listener = await joinAs(library, roomId);
    const broadcast = listener.client.next('message:new');

    const reply = await sender.client.request('message:send', {
      roomId,
      userId: sender.userId,
      text: 'this one is on repeat',
      track: SPOTIFY_TRACK,
    });

    expect(reply.error).toBeUndefined();
    expect(reply.data).toMatchObject({
      roomId,
      text: 'this one is on repeat',
      author: { id: sender.userId },
      track: SPOTIFY_TRACK,
    });
    expect(await broadcast).toEqual(reply.data);
    const history = await api.get(`/rooms/${roomId}/messages`);
    expect(history.body.messages).toEqual([reply.data]);
  });

  test('sender gets no copy of its message', async () => {
    const roomId = await createRoom(api);
    const sender = await joinAs(library, roomId);
    const listener = await joinAs(library, roomId);
    const first = listener.client.next('message:new');
    await sender.client.request('message:send', {
      roomId,
      userId: sender.userId,
      text: 'first',
    });
    await first;

    // A copy of `first` would have reached the sender before the reply to
    // its request, on the same connection, so the sender's events would
    // show it.
    const answer = sender.client.next('message:new');
    await listener.client.request('message:send', {
      roomId,
      userId: listener.userId,
      text: 'second',
    });

    expect(await answer).toMatchObject({ text: 'second' });
    const texts = sender.client
      .received()
      .filter((event) => event.event === 'message:new')
      .map((event) => event.data.text);
    expect(texts).toEqual(['second']);
  });

  test('typing reaches the other member', async () => {
    const roomId = await createRoom(api);
    const typist = await joinAs(library, roomId);
    const listener = await joinAs(library, roomId);
    const notice = listener.client.next('typing');

    typist.client.send('typing', { roomId, userId: typist.userId });

    expect(await notice).toEqual({
      roomId,
      userId: typist.userId,
      typing: true,
    });
  });

  test('reaction is stored and broadcast', async () => {
    const roomId = await createRoom(api);
    const author = await joinAs(library, roomId);
    const fan = await joinAs(library, roomId);
    const posted = await author.client.request('message:send', {
      roomId,
      userId: author.userId,
      text: 'saw them live last year',
    });
    const broadcast = author.client.next('reaction:new');

    const reply = await fan.client.request('reaction:add', {
      messageId: posted.data.id,
      userId: fan.userId,
      type: 'fire',
    });

    expect(reply.data).toMatchObject({
      messageId: posted.data.id,
      userId: fan.userId,
      type: 'fire',
      roomId,
    });
    expect(await broadcast).toEqual(reply.data);
    const history = await api.get(`/rooms/${roomId}/messages`);
    expect(history.body.messages[0].reactions.fire).toBe(1);
  });

  test('repeated reaction is a 409', async () => {
    const roomId = await createRoom(api);
    const member = await joinAs(library, roomId);
    const posted = await member.client.request('message:send', {
      roomId,
      userId: member.userId,
      text: 'hi all',
    });
    const reaction = {
      messageId: posted.data.id,
      userId: member.userId,
      type: 'like',
    };
    await member.client.request('reaction:add', reaction);

    const reply = await member.client.request('reaction:add', reaction);

    expect(reply.error).toMatchObject({
      event: 'reaction:add',
      statusCode: 409,
    });
  });

  test('leave ends the membership', async () => {
    const roomId = await createRoom(api);
    const leaver = await joinAs(library, roomId);
    const stayer = await joinAs(library, roomId);
    const announced = stayer.client.next('room:left');

    const reply = await leaver.client.request('room:leave', {
      roomId,
      userId: leaver.userId,
    });

    expect(reply.data).toEqual({ roomId, userId: leaver.userId });
    expect(await announced).toEqual({ roomId, userId: leaver.userId });
    const room = await api.get(`/rooms/${roomId}`);
    expect(room.body.memberCount).toBe(1);
    const after = await leaver.client.request('message:send', {
      roomId,
      userId: leaver.userId,
      text: 'still here?',
    });
    expect(after.error?.statusCode).toBe(403);
  });

  test('message before join is a 403', async () => {
    const roomId = await createRoom(api);
    const user = await signUp(api);
    const client = await connectChat(library, server);

    const reply = await client.request('message:send', {
      roomId,
      userId: user.id,
      text: 'hello?',
    });

    expect(reply.error).toEqual({
      status: 'error',
      event: 'message:send',
      statusCode: 403,
      message: `Join room ${roomId} as user ${user.id} on this connection first.`,
    });
  });

  test('join of unknown room is a 404', async () => {
    const user = await signUp(api);
    const client = await connectChat(library, server);

    const reply = await client.request('room:join', {
      roomId: 1_999_999_999,
      userId: user.id,
    });

    expect(reply.error).toMatchObject({ statusCode: 404 });
  });

  test('invalid payload is a 400', async () => {
    const roomId = await createRoom(api);
    const member = await joinAs(library, roomId);

    const invalid = await member.client.request('message:send', {
      roomId,
      userId: String(member.userId),
      text: '',
      track: { provider: 'tape' },
      mood: 'happy',
    });

    expect(invalid.error?.statusCode).toBe(400);
    expect(invalid.error?.message).toEqual(
      expect.arrayContaining([
        'property mood should not exist',
        'userId must be an integer number',
        'text must be longer than or equal to 1 characters',
        expect.stringMatching(/^track\.provider must be one of/),
      ]),
    );
    const valid = await member.client.request('message:send', {
      roomId,
      userId: member.userId,
      text: 'ok now',
    });
    expect(valid.data).toMatchObject({ text: 'ok now' });
  });

  test('payload that is no object is a 400', async () => {
    const client = await connectChat(library, server);

    const reply = await client.request('room:join', 'lobby');

    expect(reply.error).toMatchObject({ event: 'room:join', statusCode: 400 });
  });

  test('failed typing sends an exception', async () => {
    const roomId = await createRoom(api);
    const client = await connectChat(library, server);

    client.send('typing', { roomId, userId: 1 });

    expect(await client.next('exception')).toMatchObject({
      event: 'typing',
      statusCode: 403,
    });
  });
});

describe('chat across libraries', () => {
  test.each([
    ['socket.io', 'ws'],
    ['ws', 'socket.io'],
  ] as const)('message from %s reaches %s', async (from, to) => {
    const roomId = await createRoom(api);
    const sender = await joinAs(from, roomId);
    const listener = await joinAs(to, roomId);
    const broadcast = listener.client.next('message:new');

    const reply = await sender.client.request('message:send', {
      roomId,
      userId: sender.userId,
      text: `from ${from}`,
    });

    expect(await broadcast).toEqual(reply.data);
  });
});

describe('ws gateway port', () => {
  test('plain HTTP gets 426', async () => {
    const response = await fetch(server.wsUrl.replace(/^ws/, 'http'));

    expect(response.status).toBe(426);
  });
});
