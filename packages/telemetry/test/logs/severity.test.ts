import type { ReceivedLogRecord } from '@seda/test-utils';
import { describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import { requestIds, startLogFixture } from './support.js';

const receiver = useReceiver();

/**
 * Severity numbers of the OpenTelemetry log data model for each level, in
 * the order of the level set, most severe first. Syslog follows the data
 * model appendix's example mapping (Appendix B).
 */
const NPM = {
  error: 17,
  warn: 13,
  info: 9,
  http: 7,
  verbose: 6,
  debug: 5,
  silly: 1,
};
const SYSLOG = {
  emerg: 21,
  alert: 19,
  crit: 18,
  error: 17,
  warning: 13,
  notice: 10,
  info: 9,
  debug: 5,
};
const PINO = { trace: 1, debug: 5, info: 9, warn: 13, error: 17, fatal: 21 };

const CASES = [
  {
    name: 'winston npm levels',
    env: { LOGGER: 'winston', LOG_LEVEL: 'silly' },
    levels: NPM,
  },
  {
    name: 'winston syslog levels',
    env: { LOGGER: 'winston', LEVELS: 'syslog', LOG_LEVEL: 'debug' },
    levels: SYSLOG,
  },
  {
    name: 'pino levels',
    env: { LOGGER: 'pino', LOG_LEVEL: 'trace' },
    levels: PINO,
  },
];

async function levelRecords(
  traceId: string,
  count: number,
): Promise<ReceivedLogRecord[]> {
  return receiver().waitFor(
    ({ logs }) => {
      const records = logs.filter((record) => record.traceId === traceId);
      return records.length >= count && records;
    },
    { message: `${count} log records of trace ${traceId}` },
  );
}

function severities(records: readonly ReceivedLogRecord[]) {
  return Object.fromEntries(
    records.map((record) => [record.severityText, record.severityNumber]),
  );
}

describe.each(CASES)('severity of $name', ({ env, levels }) => {
  const count = Object.keys(levels).length;

  it('maps every level through the factory', async () => {
    const app = await startLogFixture('factory-app.mjs', receiver(), env);

    const ids = await requestIds(`${app.url}/levels`);

    const records = await levelRecords(ids.traceId, count);
    expect(severities(records)).toEqual(levels);
    expect(records.map((record) => record.body)).toEqual(
      Object.keys(levels).map((level) => `level ${level}`),
    );
    expect(new Set(records.map((record) => record.spanId))).toEqual(
      new Set([ids.spanId]),
    );
    expect(
      app
        .lines()
        .filter((line) => line.trace_id === ids.traceId)
        .map((line) => line.level),
    ).toEqual(Object.keys(levels));
  });

  it('maps every level of a logger the application made itself', async () => {
    const app = await startLogFixture('own-logger-app.mjs', receiver(), env);

    const ids = await requestIds(app.url);

    const records = await levelRecords(ids.traceId, count);
    expect(severities(records)).toEqual(levels);
    for (const record of records) {
      expect(record.spanId).toBe(ids.spanId);
      expect(record.attributes.route).toBe('levels');
      expect(record.attributes).not.toHaveProperty('trace_id');
    }
    const correlated = app.fixture
      .stdout()
      .split('\n')
      .filter((line) => line.includes(`"trace_id":"${ids.traceId}"`));
    expect(correlated).toHaveLength(count);
  });
});
