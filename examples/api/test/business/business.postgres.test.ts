import { describe } from 'vitest';
import { createPostgresSchema } from '../helpers/databases.js';
import {
  assertAvailable,
  DEFAULT_POSTGRES_URL,
  probePostgres,
  shouldRun,
} from '../helpers/services.js';
import { describeBusinessTelemetry } from './business-suite.js';

const baseUrl = process.env.POSTGRES_TEST_URL ?? DEFAULT_POSTGRES_URL;
const availability = await probePostgres(baseUrl);

describe.runIf(shouldRun('PostgreSQL', availability, process.env))(
  'PostgreSQL',
  () => {
    describeBusinessTelemetry('business telemetry on PostgreSQL', {
      dialect: 'postgresql',
      create: async () => {
        assertAvailable('PostgreSQL', availability);
        return createPostgresSchema(baseUrl);
      },
    });
  },
);
