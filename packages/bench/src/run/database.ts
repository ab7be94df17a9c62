import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { variantById } from '../variants.js';
import { startAppChild } from './app-child.js';

/** Messages in room 1, of which `ROUTE` reads the newest 20. */
const HISTORY_MESSAGES = 40;
const REACTION_TYPES = ['like', 'love', 'fire', 'laugh', 'sad'];

/** SQLite files of one database: the file and its journal files. */
const SQLITE_SUFFIXES = ['', '-wal', '-shm', '-journal'];

/**
 * Creates the SQLite database every child starts from: migrated, with a
 * history in room 1 and, for each socket.io client `i`, room `i + 2` that
 * user `i + 2` already joined. Returns its path.
 */
export async function createTemplateDatabase(
  dir: string,
  wsClients: number,
  startTimeoutMillis: number,
): Promise<string> {
  const path = join(dir, 'template.db');
  const app = await startAppChild({
    variant: variantById('none'),
    system: 'esm',
    databaseUrl: `file:${path}`,
    startTimeoutMillis,
    readyPath: '/health/live',
  });
  try {
    await seed(app.listening.url, wsClients);
  } finally {
    // SIGTERM lets Nest close the database before the file is copied.
    await app.child.stop('SIGTERM', 10_000);
  }
  return path;
}

/** Copies the template to a new database file and returns its `file:` URL. */
export async function copyDatabase(
  template: string,
  target: string,
): Promise<string> {
  for (const suffix of SQLITE_SUFFIXES) {
    await copyFile(`${template}${suffix}`, `${target}${suffix}`).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      },
    );
  }
  return `file:${target}`;
}

export async function removeDatabase(path: string): Promise<void> {
  for (const suffix of SQLITE_SUFFIXES)
    await rm(`${path}${suffix}`, { force: true });
}

async function seed(url: string, wsClients: number): Promise<void> {
  const users = wsClients + 1;
  for (let id = 1; id <= users; id += 1) {
    await post(url, '/users', {
      email: `user${id}@bench.test`,
      username: `user${id}`,
      displayName: `User ${id}`,
    });
    await post(url, '/rooms', { name: `Room ${id}` });
  }
  for (let id = 2; id <= users; id += 1) {
    await post(url, `/rooms/${id}/join`, { userId: id });
  }
  for (let index = 0; index < HISTORY_MESSAGES; index += 1) {
    await seedMessage(url, index, users);
  }
}

async function seedMessage(
  url: string,
  index: number,
  users: number,
): Promise<void> {
  const message = (await post(url, '/rooms/1/messages', {
    userId: 1,
    text: `message ${index}`,
    ...(index % 4 === 0 ? { track: track(index) } : {}),
  })) as { id: number };
  const reactions = index % REACTION_TYPES.length;
  for (let reaction = 0; reaction < reactions; reaction += 1) {
    await post(url, `/messages/${message.id}/reactions`, {
      userId: 1 + (reaction % users),
      type: REACTION_TYPES[reaction],
    });
  }
}

function track(index: number) {
  return {
    provider: 'spotify',
    title: `Track ${index}`,
    artist: 'Bench Artist',
    url: `https://open.spotify.com/track/${index}`,
  };
}

async function post(url: string, path: string, body: object): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`POST ${path} failed with ${response.status}: ${text}`);
  }
  return JSON.parse(text);
}
