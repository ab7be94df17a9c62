import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReceivedLogRecord } from '@seda/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useReceiver } from '../support/receiver.js';
import {
  type LogLine,
  readJsonLines,
  requestIds,
  startLogFixture,
  waitForLine,
} from './support.js';

const receiver = useReceiver();

const SECRETS = [
  'password-secret',
  'header-secret',
  'array-secret',
  'deep-secret',
];

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'seda-logs-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function waitForRecord(body: string): Promise<ReceivedLogRecord> {
  return receiver().waitFor(
    ({ logs }) => logs.find((record) => record.body === body),
    { message: `log record "${body}"` },
  );
}

describe.each(['winston', 'pino'])('%s factory', (logger) => {
  /** Starts the fixture with both log files in a folder of its own. */
  async function start(name: string) {
    const base = join(folder, logger, name);
    const files = {
      all: join(base, 'all', 'app.log'),
      errors: join(base, 'errors', 'error.log'),
    };
    const app = await startLogFixture('factory-app.mjs', receiver(), {
      LOGGER: logger,
      LOG_FILE: files.all,
      LOG_ERROR_FILE: files.errors,
    });
    return { app, files };
  }

  it('writes only JSON lines with the standard fields', async () => {
    const { app } = await start('fields');

    await requestIds(`${app.url}/context`);
    await waitForLine(app.lines, 'handled request');

    const lines = app.lines();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(Date.parse(String(line.timestamp))).not.toBeNaN();
      expect(line.level).toBe('info');
      expect(typeof line.message).toBe('string');
      expect(line['service.name']).toBe('logs-fixture');
    }
  });

  it('names the service while resource detectors still run', async () => {
    // The default detectors include the container one, whose attributes
    // resolve asynchronously.
    const app = await startLogFixture('factory-app.mjs', receiver(), {
      LOGGER: logger,
      OTEL_NODE_RESOURCE_DETECTORS: undefined,
    });

    const started = await waitForLine(app.lines, 'server started');

    expect(started['service.name']).toBe('logs-fixture');
    expect(app.fixture.stderr()).not.toContain('Accessing resource attributes');
  });

  it('leaves trace fields out of a log outside any span', async () => {
    const { app } = await start('outside');

    const started = await waitForLine(app.lines, 'server started');

    expect(started.url).toBe(app.url);
    expect(started).not.toHaveProperty('trace_id');
    expect(started).not.toHaveProperty('span_id');
    expect(started).not.toHaveProperty('trace_flags');
    const record = await waitForRecord('server started');
    expect(record.traceId).toBeUndefined();
    expect(record.spanId).toBeUndefined();
  });

  it('carries the request span in stdout, the file and the OTLP record', async () => {
    const { app, files } = await start('request');

    const ids = await requestIds(`${app.url}/context`);

    const expected = {
      trace_id: ids.traceId,
      span_id: ids.spanId,
      trace_flags: '01',
    };
    const stdout = await waitForLine(app.lines, 'handled request');
    expect(stdout).toMatchObject(expected);
    const file = await waitForLine(
      () => readJsonLines(files.all),
      'handled request',
    );
    expect(file).toMatchObject(expected);
    const record = await waitForRecord('handled request');
    expect(record.traceId).toBe(ids.traceId);
    expect(record.spanId).toBe(ids.spanId);
    expect(record.flags & 1).toBe(1);
    expect(record.resource['service.name']).toBe('logs-fixture');
  });

  it('redacts secrets at depth and in arrays everywhere', async () => {
    const { app, files } = await start('redaction');

    await requestIds(`${app.url}/context`);

    const stdout = await waitForLine(app.lines, 'handled request');
    const file = await waitForLine(
      () => readJsonLines(files.all),
      'handled request',
    );
    const record = await waitForRecord('handled request');
    for (const line of [stdout, file]) {
      expect(line.password).toBe('REDACTED');
      expect(line.headers).toEqual({
        Authorization: 'REDACTED',
        accept: 'application/json',
      });
      expect(line.users).toEqual([
        { name: 'ada', apiKey: 'REDACTED' },
        { name: 'bob', session: { token: 'REDACTED' } },
      ]);
    }
    expect(record.attributes.password).toBe('REDACTED');
    expect(record.attributes.users).toEqual([
      { name: 'ada', apiKey: 'REDACTED' },
      { name: 'bob', session: { token: 'REDACTED' } },
    ]);
    const everything = JSON.stringify(
      { stdout: app.fixture.stdout(), logs: receiver().logs() },
      (_key, value) => (typeof value === 'bigint' ? String(value) : value),
    );
    for (const secret of SECRETS)
      expect(everything, secret).not.toContain(secret);
  });

  it('serialises the cause chain and circular context', async () => {
    const { app } = await start('errors');

    await requestIds(`${app.url}/error`);

    const line = await waitForLine(app.lines, 'saving failed');
    const err = line.err as LogLine;
    expect(err).toMatchObject({ name: 'Error', message: 'message not saved' });
    expect(err.stack).toMatch(/^Error: message not saved\n\s+at /);
    expect(err.cause).toMatchObject({
      name: 'TypeError',
      message: 'query failed',
    });
    expect((err.cause as LogLine).cause).toMatchObject({
      name: 'Error',
      message: 'connection refused',
      code: 'ECONNREFUSED',
    });
    expect(line.circular).toMatchObject({
      roomId: 7,
      self: '[Circular]',
      nested: { failure: { name: 'RangeError', message: 'nested failure' } },
    });
    const record = await waitForRecord('saving failed');
    expect(record.severityNumber).toBe(17);
    expect(record.attributes['exception.type']).toBe('Error');
    expect(record.attributes['exception.message']).toBe('message not saved');
    expect(record.attributes['exception.stacktrace']).toMatch(
      /^Error: message not saved/,
    );
  });

  it('writes errors alone to the errors file', async () => {
    const { app, files } = await start('error-file');

    await requestIds(`${app.url}/context`);
    await requestIds(`${app.url}/error`);

    const error = await waitForLine(
      () => readJsonLines(files.errors),
      'saving failed',
    );
    // The two files are written apart, so the error can reach one first.
    await waitForLine(() => readJsonLines(files.all), 'saving failed');
    expect(error.level).toBe('error');
    expect(readJsonLines(files.errors).map((entry) => entry.message)).toEqual([
      'saving failed',
    ]);
    expect(readJsonLines(files.all).map((entry) => entry.message)).toEqual([
      'server started',
      'handled request',
      'saving failed',
    ]);
  });
});
