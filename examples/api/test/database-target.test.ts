import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  describeDatabase,
  parseDatabaseUrl,
} from '../src/prisma/database-target.js';

describe('parseDatabaseUrl', () => {
  test('relative file URL resolves to cwd', () => {
    const target = parseDatabaseUrl('file:./data/seda.db');

    expect(target).toEqual({
      dialect: 'sqlite',
      url: 'file:./data/seda.db',
      filePath: join(process.cwd(), 'data', 'seda.db'),
    });
  });

  test('absolute file URL keeps its path', () => {
    const target = parseDatabaseUrl('file:///tmp/seda/app.db');

    expect(target).toMatchObject({
      dialect: 'sqlite',
      filePath: '/tmp/seda/app.db',
    });
  });

  test.each(['postgres', 'postgresql'])(
    '%s scheme selects PostgreSQL',
    (scheme) => {
      const target = parseDatabaseUrl(`${scheme}://u@127.0.0.1:5432/test`);

      expect(target.dialect).toBe('postgresql');
    },
  );

  test('schema parameter moves to its own field', () => {
    const target = parseDatabaseUrl(
      'postgresql://u@127.0.0.1:5432/test?schema=chat_1&application_name=api',
    );

    expect(target).toEqual({
      dialect: 'postgresql',
      connectionString:
        'postgresql://u@127.0.0.1:5432/test?application_name=api',
      schema: 'chat_1',
    });
  });

  test('missing schema stays undefined', () => {
    const target = parseDatabaseUrl('postgresql://u@127.0.0.1:5432/test');

    expect(target).toMatchObject({ schema: undefined });
  });

  test.each(['a-b', '1abc', 'x"; DROP TABLE y; --', ''])(
    'schema %j is rejected',
    (schema) => {
      const url = `postgresql://u@127.0.0.1/test?schema=${encodeURIComponent(schema)}`;

      expect(() => parseDatabaseUrl(url)).toThrow('Invalid schema');
    },
  );

  test('unsupported scheme hides the password', () => {
    const parse = () => parseDatabaseUrl('mysql://root:hunter2@127.0.0.1/seda');

    expect(parse).toThrow('Unsupported database URL scheme');
    expect(parse).not.toThrow('hunter2');
  });
});

describe('describeDatabase', () => {
  test('hides the PostgreSQL password', () => {
    const target = parseDatabaseUrl(
      'postgresql://app:hunter2@127.0.0.1:5432/test?schema=chat',
    );

    const description = describeDatabase(target);

    expect(description).toContain('127.0.0.1:5432/test');
    expect(description).toContain('schema chat');
    expect(description).not.toContain('hunter2');
  });
});
