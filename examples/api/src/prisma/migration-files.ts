import { readdir, readFile } from 'node:fs/promises';

/** One SQL file from prisma/migrations/<dialect>/. */
export interface MigrationFile {
  /** File name without `.sql`, for example `0001_init`. */
  name: string;
  sql: string;
}

/** Table that records the applied migrations, in the migrated schema. */
export const MIGRATIONS_TABLE = '_schema_migrations';

const MIGRATION_FILE = /^(\d{4}_[a-z0-9_]+)\.sql$/;

// The same relative path works from src/prisma/ and from dist/prisma/.
const MIGRATIONS_ROOT = new URL('../../prisma/migrations/', import.meta.url);

/** Reads a dialect's migrations, ordered by their numeric prefix. */
export async function readMigrationFiles(
  dialect: 'sqlite' | 'postgresql',
): Promise<MigrationFile[]> {
  const directory = new URL(`${dialect}/`, MIGRATIONS_ROOT);
  const names = (await readdir(directory))
    .map((fileName) => MIGRATION_FILE.exec(fileName)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();

  return Promise.all(
    names.map(async (name) => ({
      name,
      sql: await readFile(new URL(`${name}.sql`, directory), 'utf8'),
    })),
  );
}

/** Returns the files whose names are not in `applied`, in order. */
export function pendingMigrations(
  files: MigrationFile[],
  applied: ReadonlySet<string>,
): MigrationFile[] {
  return files.filter((file) => !applied.has(file.name));
}
