import type { Database } from '../../../src/prisma/database-client.js';

/**
 * The id before the first user the scripted traffic signs up. Ids this
 * large and this specific do not occur by chance in exported telemetry, so
 * a search of the export for them means something.
 */
export const USER_ID_BASE = 913_587_200;

/**
 * Makes the next user id `USER_ID_BASE + 1`. SQLite's AUTOINCREMENT
 * continues after the largest id it has handed out, even once that row is
 * gone; a PostgreSQL serial continues from its sequence.
 */
export async function advanceUserIds(
  client: Database,
  dialect: 'sqlite' | 'postgresql',
): Promise<void> {
  if (dialect === 'postgresql') {
    await client.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('"User"', 'id'), ${USER_ID_BASE})`,
    );
    return;
  }
  const placeholder = await client.user.create({
    data: {
      id: USER_ID_BASE,
      email: 'placeholder@example.com',
      username: 'placeholder',
      displayName: 'Placeholder',
    },
  });
  await client.user.delete({ where: { id: placeholder.id } });
}
