import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The database the API runs on, and how to clean up after it. */
export interface DemoDatabase {
  /** The `DATABASE_URL` given to the API. */
  url: string;
  /** Removes the database when the demo made it, else does nothing. */
  remove(): Promise<void>;
}

/**
 * Returns the user's database when `databaseUrl` is set, or else a fresh
 * SQLite file in a new temporary directory, which `remove` deletes.
 */
export async function openDemoDatabase(
  databaseUrl: string | undefined,
): Promise<DemoDatabase> {
  if (databaseUrl !== undefined) {
    return { url: databaseUrl, remove: () => Promise.resolve() };
  }

  const directory = await mkdtemp(join(tmpdir(), 'seda-demo-'));

  return {
    url: `file:${join(directory, 'seda.db')}`,
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}
