import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { DIALECTS, renderSchema } from '../scripts/generate-clients.mjs';

const packageRoot = new URL('../', import.meta.url);

describe('Prisma schemas', () => {
  test.each(DIALECTS)('%s schema matches models.prisma', async (dialect) => {
    const models = await readFile(
      new URL('prisma/models.prisma', packageRoot),
      'utf8',
    );
    const generated = new URL(
      `generated/schemas/${dialect}.prisma`,
      packageRoot,
    );

    const schema = await readFile(generated, 'utf8');

    expect(
      schema,
      `${generated.pathname} is stale: run pnpm run generate`,
    ).toBe(renderSchema(dialect, models));
  });

  test('both dialects have the same migrations', async () => {
    const list = (dialect: string) =>
      readdir(new URL(`prisma/migrations/${dialect}/`, packageRoot));

    const [sqlite, postgresql] = await Promise.all(DIALECTS.map(list));

    expect(sqlite?.sort()).toEqual(postgresql?.sort());
  });
});
