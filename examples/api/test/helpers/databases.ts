import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A database made for one test file, and how to remove it. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export function randomSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** Creates a fresh temporary directory for a SQLite file. */
export async function createSqliteDatabase(): Promise<TestDatabase> {
  const directory = await mkdtemp(join(tmpdir(), 'example-api-'));
  return {
    url: `file:${join(directory, 'test.db')}`,
    drop: () => rm(directory, { recursive: true, force: true }),
  };
}

/**
 * Picks a schema of its own in the PostgreSQL database at `baseUrl`. The app
 * creates the schema on start, and `drop` removes it with everything in it.
 */
export function createPostgresSchema(baseUrl: string): TestDatabase & {
  schema: string;
} {
  const schema = `example_api_${randomSuffix()}`;
  const url = new URL(baseUrl);
  url.searchParams.set('schema', schema);
  return {
    schema,
    url: url.href,
    drop: () => dropSchema(baseUrl, schema),
  };
}

async function dropSchema(baseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
