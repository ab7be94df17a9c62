import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Prisma } from '#generated/sqlite/client.js';
import { createApp, startApp, type RunningApp } from '../src/app.js';
import type { TestDatabase } from './helpers/databases.js';
import { apiClient, type ApiClient } from './helpers/http.js';
import {
  createRoom,
  postMessage,
  signUp,
  SPOTIFY_TRACK,
  uniqueName,
} from './helpers/fixtures.js';

/** What the shared suite needs to know about one database. */
export interface SuiteDatabase {
  create(): Promise<TestDatabase>;
  /** Lists the columns of every table the app's migrations created. */
  listColumns(url: string): Promise<Map<string, Set<string>>>;
}

/** Registers every endpoint test against one database. */
export function describeApi(label: string, database: SuiteDatabase): void {
  describe(label, () => {
    const context = { url: '', api: undefined as unknown as ApiClient };
    let testDatabase: TestDatabase | undefined;
    let server: RunningApp | undefined;

    beforeAll(async () => {
      testDatabase = await database.create();
      server = await startApp({
        port: 0,
        databaseUrl: testDatabase.url,
        env: {},
        logger: ['error'],
      });
      context.url = testDatabase.url;
      context.api = apiClient(server.url);
    });

    afterAll(async () => {
      await server?.close();
      await testDatabase?.drop();
    });

    describeSchema(context, database);
    describeUsers(context);
    describeRooms(context);
    describeMessages(context);
    describeHistory(context);
    describeReactions(context);
  });
}

interface SuiteContext {
  url: string;
  api: ApiClient;
}

function describeSchema(context: SuiteContext, database: SuiteDatabase): void {
  test('migrations create every model column', async () => {
    const tables = await database.listColumns(context.url);

    for (const model of Object.values(Prisma.ModelName)) {
      const fields = scalarFields(model);
      expect(tables.has(model), `table ${model}`).toBe(true);
      for (const field of fields) {
        expect(tables.get(model)?.has(field), `${model}.${field}`).toBe(true);
      }
    }
  });

  test('second app on same database starts', async () => {
    const user = await signUp(context.api);

    const second = await createApp({
      databaseUrl: context.url,
      env: {},
      logger: ['error'],
    });
    await second.listen(0, '127.0.0.1');
    const address = second.getHttpServer().address() as AddressInfo;
    const api = apiClient(`http://127.0.0.1:${address.port}`);
    const response = await api.post('/users', {
      email: user.email,
      username: uniqueName('user'),
      displayName: 'Again',
    });
    await second.close();

    expect(response.status).toBe(409);
  });

  test('health live returns healthy', async () => {
    const response = await context.api.get('/health/live');

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('healthy');
    expect(response.body.checks).toBeUndefined();
  });

  test('health reports the database up', async () => {
    const response = await context.api.get('/health');

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('healthy');
    expect(response.body.checks.database).toMatchObject({
      status: 'up',
      kind: 'prisma',
      critical: true,
    });
  });
}

function scalarFields(model: string): string[] {
  const enums = Prisma as unknown as Record<string, Record<string, string>>;
  const fields = enums[`${model}ScalarFieldEnum`];
  if (fields === undefined) {
    throw new Error(`The generated client has no field list for ${model}.`);
  }
  return Object.values(fields);
}

function describeUsers(context: SuiteContext): void {
  test('sign-up returns id and username', async () => {
    const username = uniqueName('user');

    const response = await context.api.post('/users', {
      email: `${username}@example.com`,
      username,
      displayName: 'Ada',
    });

    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(['id', 'username']);
    expect(response.body.username).toBe(username);
    expect(Number.isInteger(response.body.id)).toBe(true);
  });

  test('duplicate email returns 409', async () => {
    const user = await signUp(context.api);

    const response = await context.api.post('/users', {
      email: user.email.toUpperCase(),
      username: uniqueName('user'),
      displayName: 'Copy',
    });

    expect(response.status).toBe(409);
    expect(response.body.message).toContain('email');
  });

  test('duplicate username returns 409', async () => {
    const user = await signUp(context.api);

    const response = await context.api.post('/users', {
      email: `${uniqueName('other')}@example.com`,
      username: user.username,
      displayName: 'Copy',
    });

    expect(response.status).toBe(409);
    expect(response.body.message).toContain('username');
  });

  test.each([
    ['missing email', { username: 'valid_name', displayName: 'X' }],
    [
      'invalid email',
      { email: 'nope', username: 'valid_name', displayName: 'X' },
    ],
    [
      'upper-case username',
      { email: 'a@b.io', username: 'Bad', displayName: 'X' },
    ],
    [
      'empty display name',
      { email: 'a@b.io', username: 'valid_name', displayName: '' },
    ],
    [
      'unknown property',
      {
        email: 'a@b.io',
        username: 'valid_name',
        displayName: 'X',
        admin: true,
      },
    ],
    [
      'artist without stage name',
      { email: 'a@b.io', username: 'valid_name', displayName: 'X', artist: {} },
    ],
  ])('sign-up with %s returns 400', async (_case, body) => {
    const response = await context.api.post('/users', body);

    expect(response.status).toBe(400);
  });

  test('sign-up with malformed JSON returns 400', async () => {
    const response = await context.api.postRaw('/users', '{"email": ');

    expect(response.status).toBe(400);
  });

  test('sign-up with array body returns 400', async () => {
    const response = await context.api.postRaw('/users', '[]');

    expect(response.status).toBe(400);
  });
}

function describeRooms(context: SuiteContext): void {
  test('room creation returns 201', async () => {
    const name = uniqueName('room');

    const response = await context.api.post('/rooms', { name, kind: 'artist' });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name, kind: 'artist' });
    expect(Number.isInteger(response.body.id)).toBe(true);
  });

  test('room kind defaults to public', async () => {
    const response = await context.api.post('/rooms', {
      name: uniqueName('room'),
    });

    expect(response.status).toBe(201);
    expect(response.body.kind).toBe('public');
  });

  test.each([
    ['bad kind', { name: 'x', kind: 'secret' }],
    ['missing name', { kind: 'public' }],
  ])('room with %s returns 400', async (_case, body) => {
    const response = await context.api.post('/rooms', body);

    expect(response.status).toBe(400);
  });

  test('join returns 201 then 200', async () => {
    const user = await signUp(context.api);
    const roomId = await createRoom(context.api);

    const first = await context.api.post(`/rooms/${roomId}/join`, {
      userId: user.id,
    });
    const second = await context.api.post(`/rooms/${roomId}/join`, {
      userId: user.id,
    });

    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ roomId, userId: user.id });
    expect(second.status).toBe(200);
    expect(second.body.joinedAt).toBe(first.body.joinedAt);
  });

  test('room details count members', async () => {
    const roomId = await createRoom(context.api);
    for (const user of [await signUp(context.api), await signUp(context.api)]) {
      await context.api.post(`/rooms/${roomId}/join`, { userId: user.id });
    }

    const response = await context.api.get(`/rooms/${roomId}`);

    expect(response.status).toBe(200);
    expect(response.body.memberCount).toBe(2);
    expect(response.body.onlineCount).toBeNull();
  });

  test('join unknown room returns 404', async () => {
    const user = await signUp(context.api);

    const response = await context.api.post('/rooms/999999/join', {
      userId: user.id,
    });

    expect(response.status).toBe(404);
  });

  test('join by unknown user returns 404', async () => {
    const roomId = await createRoom(context.api);

    const response = await context.api.post(`/rooms/${roomId}/join`, {
      userId: 999999,
    });

    expect(response.status).toBe(404);
  });

  test.each(['abc', '0', '1.5', '99999999999'])(
    'room id %s returns 400',
    async (id) => {
      const response = await context.api.get(`/rooms/${id}`);

      expect(response.status).toBe(400);
    },
  );
}

function describeMessages(context: SuiteContext): void {
  test('message without track returns 201', async () => {
    const user = await signUp(context.api);
    const roomId = await createRoom(context.api);

    const response = await context.api.post(`/rooms/${roomId}/messages`, {
      userId: user.id,
      text: 'hello room',
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      roomId,
      text: 'hello room',
      track: null,
      author: { id: user.id, username: user.username, artist: null },
      reactions: { like: 0, love: 0, fire: 0, laugh: 0, sad: 0 },
    });
  });

  test('message with track returns 201', async () => {
    const user = await signUp(context.api);
    const roomId = await createRoom(context.api);

    const response = await context.api.post(`/rooms/${roomId}/messages`, {
      userId: user.id,
      text: 'listen to this',
      track: SPOTIFY_TRACK,
    });

    expect(response.status).toBe(201);
    expect(response.body.track).toEqual(SPOTIFY_TRACK);
  });

  test('message to unknown room returns 404', async () => {
    const user = await signUp(context.api);

    const response = await context.api.post('/rooms/999999/messages', {
      userId: user.id,
      text: 'anyone?',
    });

    expect(response.status).toBe(404);
  });

  test('message by unknown user returns 404', async () => {
    const roomId = await createRoom(context.api);

    const response = await context.api.post(`/rooms/${roomId}/messages`, {
      userId: 999999,
      text: 'who am I',
    });

    expect(response.status).toBe(404);
  });

  const validTrack = SPOTIFY_TRACK;
  test.each([
    ['missing text', { userId: 1 }],
    ['empty text', { userId: 1, text: '' }],
    ['string userId', { userId: '1', text: 'x' }],
    [
      'bad provider',
      { userId: 1, text: 'x', track: { ...validTrack, provider: 'napster' } },
    ],
    [
      'track without url',
      { userId: 1, text: 'x', track: { ...validTrack, url: undefined } },
    ],
    [
      'track url not a URL',
      { userId: 1, text: 'x', track: { ...validTrack, url: 'not a url' } },
    ],
    ['track as array', { userId: 1, text: 'x', track: [validTrack] }],
    ['unknown property', { userId: 1, text: 'x', pinned: true }],
  ])('message with %s returns 400', async (_case, body) => {
    const roomId = await createRoom(context.api);

    const response = await context.api.post(`/rooms/${roomId}/messages`, body);

    expect(response.status).toBe(400);
  });
}

function describeHistory(context: SuiteContext): void {
  test('history is newest first', async () => {
    const user = await signUp(context.api);
    const roomId = await createRoom(context.api);
    const ids: number[] = [];
    for (const text of ['one', 'two', 'three']) {
      ids.push(await postMessage(context.api, roomId, user.id, text));
    }

    const response = await context.api.get(`/rooms/${roomId}/messages`);

    expect(response.status).toBe(200);
    expect(response.body.roomId).toBe(roomId);
    expect(response.body.messages.map((m: { id: number }) => m.id)).toEqual(
      ids.reverse(),
    );
    expect(response.body.messages.map((m: { text: string }) => m.text)).toEqual(
      ['three', 'two', 'one'],
    );
  });

  test('history honours limit', async () => {
    const user = await signUp(context.api);
    const roomId = await createRoom(context.api);
    for (const text of ['a', 'b', 'c', 'd']) {
      await postMessage(context.api, roomId, user.id, text);
    }

    const response = await context.api.get(`/rooms/${roomId}/messages?limit=2`);

    expect(response.status).toBe(200);
    expect(response.body.messages.map((m: { text: string }) => m.text)).toEqual(
      ['d', 'c'],
    );
  });

  test('history defaults to 50 messages', async () => {
    const user = await signUp(context.api);
    const roomId = await createRoom(context.api);
    for (let index = 0; index < 51; index += 1) {
      await postMessage(context.api, roomId, user.id, `message ${index}`);
    }

    const response = await context.api.get(`/rooms/${roomId}/messages`);

    expect(response.body.messages).toHaveLength(50);
    expect(response.body.messages[0].text).toBe('message 50');
  });

  test('history excludes other rooms', async () => {
    const user = await signUp(context.api);
    const roomId = await createRoom(context.api);
    const otherRoomId = await createRoom(context.api);
    await postMessage(context.api, otherRoomId, user.id, 'elsewhere');

    const response = await context.api.get(`/rooms/${roomId}/messages`);

    expect(response.status).toBe(200);
    expect(response.body.messages).toEqual([]);
  });

  test('history shows artist profile', async () => {
    const user = await signUp(context.api, {
      artist: { stageName: 'DJ Test' },
    });
    const roomId = await createRoom(context.api);
    await postMessage(context.api, roomId, user.id, 'new single out');

    const response = await context.api.get(`/rooms/${roomId}/messages`);

    expect(response.body.messages[0].author.artist).toEqual({
      stageName: 'DJ Test',
      verified: false,
    });
  });

  test.each(['abc', '0', '101', '1.5', '', '10abc'])(
    'history limit %j returns 400',
    async (limit) => {
      const roomId = await createRoom(context.api);

      const response = await context.api.get(
        `/rooms/${roomId}/messages?limit=${limit}`,
      );

      expect(response.status).toBe(400);
    },
  );

  test('history of unknown room returns 404', async () => {
    const response = await context.api.get('/rooms/999999/messages');

    expect(response.status).toBe(404);
  });
}

function describeReactions(context: SuiteContext): void {
  async function messageWithAuthor() {
    const user = await signUp(context.api);
    const roomId = await createRoom(context.api);
    const messageId = await postMessage(context.api, roomId, user.id, 'react');
    return { user, roomId, messageId };
  }

  test('reaction returns 201', async () => {
    const { user, messageId } = await messageWithAuthor();

    const response = await context.api.post(
      `/messages/${messageId}/reactions`,
      {
        userId: user.id,
        type: 'fire',
      },
    );

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      messageId,
      userId: user.id,
      type: 'fire',
    });
  });

  test('history counts reactions per message', async () => {
    const { user, roomId, messageId } = await messageWithAuthor();
    const otherMessageId = await postMessage(
      context.api,
      roomId,
      user.id,
      'quiet',
    );
    const fan = await signUp(context.api);
    const reactions = [
      { userId: user.id, type: 'like' },
      { userId: fan.id, type: 'like' },
      { userId: fan.id, type: 'fire' },
    ];
    for (const reaction of reactions) {
      const response = await context.api.post(
        `/messages/${messageId}/reactions`,
        reaction,
      );
      expect(response.status).toBe(201);
    }

    const response = await context.api.get(`/rooms/${roomId}/messages`);

    const [newest, oldest] = response.body.messages;
    expect(newest.id).toBe(otherMessageId);
    expect(newest.reactions).toEqual({
      like: 0,
      love: 0,
      fire: 0,
      laugh: 0,
      sad: 0,
    });
    expect(oldest.id).toBe(messageId);
    expect(oldest.reactions).toEqual({
      like: 2,
      love: 0,
      fire: 1,
      laugh: 0,
      sad: 0,
    });
  });

  test('repeated reaction returns 409', async () => {
    const { user, messageId } = await messageWithAuthor();
    const body = { userId: user.id, type: 'love' };
    await context.api.post(`/messages/${messageId}/reactions`, body);

    const response = await context.api.post(
      `/messages/${messageId}/reactions`,
      body,
    );

    expect(response.status).toBe(409);
  });

  test.each([
    ['bad type', { type: 'meh' }],
    ['missing type', {}],
    ['missing userId', { userId: undefined, type: 'like' }],
  ])('reaction with %s returns 400', async (_case, override) => {
    const { user, messageId } = await messageWithAuthor();

    const response = await context.api.post(
      `/messages/${messageId}/reactions`,
      {
        userId: user.id,
        ...override,
      },
    );

    expect(response.status).toBe(400);
  });

  test('reaction to unknown message returns 404', async () => {
    const user = await signUp(context.api);

    const response = await context.api.post('/messages/999999/reactions', {
      userId: user.id,
      type: 'like',
    });

    expect(response.status).toBe(404);
  });

  test('reaction by unknown user returns 404', async () => {
    const { messageId } = await messageWithAuthor();

    const response = await context.api.post(
      `/messages/${messageId}/reactions`,
      {
        userId: 999999,
        type: 'like',
      },
    );

    expect(response.status).toBe(404);
  });
}
