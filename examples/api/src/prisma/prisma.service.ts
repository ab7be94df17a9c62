import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { createDatabaseClient, type Database } from './database-client.js';
import { describeDatabase, type DatabaseTarget } from './database-target.js';
import { migratePostgres } from './postgres-migrator.js';
import { migrateSqlite } from './sqlite-migrator.js';

/**
 * Owns the Prisma client: migrates and connects on start, disconnects when
 * Nest destroys the module. Services use `client`.
 */
export class PrismaService implements OnModuleDestroy {
  private static readonly logger = new Logger(PrismaService.name);

  private constructor(
    readonly client: Database,
    readonly target: DatabaseTarget,
  ) {}

  /** Applies pending migrations, then connects a client to the target. */
  static async connect(target: DatabaseTarget): Promise<PrismaService> {
    const description = describeDatabase(target);
    const applied = await migrate(target);
    if (applied.length > 0) {
      PrismaService.logger.log(
        `applied migrations ${applied.join(', ')} to ${description}`,
      );
    }

    const client = await createDatabaseClient(target);
    try {
      await client.$connect();
    } catch (error) {
      await client.$disconnect();
      throw error;
    }
    PrismaService.logger.log(`connected to ${description}`);
    return new PrismaService(client, target);
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.$disconnect();
    PrismaService.logger.log(
      `disconnected from ${describeDatabase(this.target)}`,
    );
  }
}

function migrate(target: DatabaseTarget): Promise<string[]> {
  if (target.dialect === 'sqlite') {
    return migrateSqlite(target);
  }
  return migratePostgres(target);
}
