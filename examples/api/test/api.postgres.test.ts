import { describe } from 'vitest';
import { describeApi } from './api-suite.js';
import { createPostgresSchema } from './helpers/databases.js';
import { listPostgresColumns } from './helpers/postgres-columns.js';
import {
  assertAvailable,
  DEFAULT_POSTGRES_URL,
  probePostgres,
  shouldRun,
} from './helpers/services.js';

const baseUrl = process.env.POSTGRES_TEST_URL ?? DEFAULT_POSTGRES_URL;
const availability = await probePostgres(baseUrl);

describe.runIf(shouldRun('PostgreSQL', availability, process.env))(
  'PostgreSQL',
  () => {
    let schema = '';
    describeApi('API on PostgreSQL', {
      create: async () => {
        assertAvailable('PostgreSQL', availability);
        const database = createPostgresSchema(baseUrl);
        schema = database.schema;
        return database;
      },
      listColumns: () => listPostgresColumns(baseUrl, schema),
    });
  },
);
