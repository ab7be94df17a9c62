import { postgresCheck, prismaCheck } from '@seda/telemetry/health';
import { describe, expect, test } from 'vitest';
import { loadThresholds } from '../src/thresholds/load.js';

// The database-down alert selects checks by `health.check.kind`, and only
// the SDK's check factories set it. A kind that no factory reports matches
// nothing, so the alert would never fire for that check.
const idle = async () => [];
const databaseKinds = [
  prismaCheck({ $queryRawUnsafe: idle }).kind,
  postgresCheck({ client: { query: async () => ({ rows: [] }) } }).kind,
];

describe('health check kinds of the rules', () => {
  test('the database checks report the configured kinds', () => {
    const { checkKinds } = loadThresholds().alerts.SedaDatabaseDown;

    expect([...(checkKinds ?? [])].sort()).toEqual([...databaseKinds].sort());
  });
});
