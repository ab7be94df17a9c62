import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactUrl } from '../url-redaction.js';

/** A SQLite database file reached through libSQL. */
export interface SqliteTarget {
  dialect: 'sqlite';
  /** The `file:` URL as libSQL accepts it. */
  url: string;
  /** Absolute path of the database file. */
  filePath: string;
}

/** A PostgreSQL database reached through node-postgres. */
export interface PostgresTarget {
  dialect: 'postgresql';
  /** The connection string without the `schema` parameter. */
  connectionString: string;
  /** Schema for every table, from `?schema=`, else PostgreSQL's default. */
  schema: string | undefined;
}

export type DatabaseTarget = SqliteTarget | PostgresTarget;

const POSTGRES_PREFIXES = ['postgres://', 'postgresql://'];

// Unquoted PostgreSQL identifiers only, so that the schema name can be placed
// in `search_path` and in DDL without escaping.
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Parses a database URL: `file:` selects SQLite, `postgres://` or
 * `postgresql://` selects PostgreSQL.
 *
 * @throws Error for any other scheme and for an invalid `schema` parameter.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('file:')) {
    return { dialect: 'sqlite', url, filePath: sqliteFilePath(url) };
  }
  if (POSTGRES_PREFIXES.some((prefix) => url.startsWith(prefix))) {
    return parsePostgresUrl(url);
  }
  throw new Error(
    `Unsupported database URL scheme in "${redactUrl(url)}": use file:PATH ` +
      'for SQLite or postgresql://USER@HOST:PORT/DATABASE for PostgreSQL.',
  );
}

/** Describes a target for logs, without credentials. */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') {
    return `SQLite file ${target.filePath}`;
  }
  const schema = target.schema ?? 'default';
  return `PostgreSQL ${redactUrl(target.connectionString)} (schema ${schema})`;
}

function sqliteFilePath(url: string): string {
  const withoutQuery = url.split('?', 1)[0] ?? url;
  if (withoutQuery.startsWith('file://')) {
    return fileURLToPath(withoutQuery);
  }
  return resolve(withoutQuery.slice('file:'.length));
}

/** Returns the directory that must exist before libSQL opens the file. */
export function sqliteDirectory(target: SqliteTarget): string {
  return dirname(target.filePath);
}

function parsePostgresUrl(url: string): PostgresTarget {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(
      `Invalid schema "${schema}" in the database URL: use letters, digits ` +
        'and underscores, starting with a letter or underscore.',
    );
  }
  parsed.searchParams.delete('schema');
  return { dialect: 'postgresql', connectionString: parsed.href, schema };
}
