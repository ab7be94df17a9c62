import { createSqliteDatabase } from '../helpers/databases.js';
import { describeBusinessTelemetry } from './business-suite.js';

describeBusinessTelemetry('business telemetry on SQLite', {
  dialect: 'sqlite',
  create: createSqliteDatabase,
});
