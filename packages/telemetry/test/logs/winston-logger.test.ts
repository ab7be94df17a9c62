import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWinstonLogger } from '../../src/logs/index.js';
import { captureDiagnostics } from './diag-capture.js';
import {
  CapturedStream,
  inSpan,
  type LogLine,
  readJsonLines,
  useInProcessTracing,
  waitForLine,
} from './support.js';

const ANSI = /\u001b\[/;

let stopTracing: () => void;
let diagnostics: string[];
let folder: string;

beforeAll(() => {
  stopTracing = useInProcessTracing();
  folder = mkdtempSync(join(tmpdir(), 'seda-winston-'));
});
afterAll(() => {
  stopTracing();
  rmSync(folder, { recursive: true, force: true });
});
beforeEach(() => {
  diagnostics = captureDiagnostics();
});

function create(options: Parameters<typeof createWinstonLogger>[0] = {}) {
  const stream = new CapturedStream();
  const logger = createWinstonLogger({
    env: {},
    serviceName: 'chat',
    otlp: false,
    stream,
    ...options,
  });
  return { logger, stream };
}

describe('createWinstonLogger lines', () => {
  it('writes one JSON object per line with the standard fields', () => {
    const { logger, stream } = create();

    logger.info('first');
    logger.warn('second', { roomId: 3 });

    const [first, second] = stream.lines();
    expect(stream.text().split('\n')).toHaveLength(3);
    expect(Object.keys(first as LogLine)).toEqual([
      'timestamp',
      'level',
      'message',
      'service.name',
    ]);
    expect(first).toMatchObject({
      level: 'info',
      message: 'first',
      'service.name': 'chat',
    });
    expect(new Date(String(first?.timestamp)).toISOString()).toBe(
      first?.timestamp,
    );
    expect(second).toMatchObject({
      level: 'warn',
      message: 'second',
      roomId: 3,
    });
  });

  it('takes the service name from OTEL_SERVICE_NAME', () => {
    const { logger, stream } = create({
      serviceName: undefined,
      env: { OTEL_SERVICE_NAME: 'from-env' },
    });

    logger.info('named');

    expect(stream.lines()[0]?.['service.name']).toBe('from-env');
  });

  it('adds the trace fields inside a span only', () => {
    const { logger, stream } = create();

    logger.info('outside');
    const ids = inSpan(() => logger.child({ part: 'rooms' }).info('inside'));

    const [outside, inside] = stream.lines();
    expect(outside).not.toHaveProperty('trace_id');
    expect(outside).not.toHaveProperty('span_id');
    expect(outside).not.toHaveProperty('trace_flags');
    expect(inside).toMatchObject({
      trace_id: ids.traceId,
      span_id: ids.spanId,
      trace_flags: '01',
      part: 'rooms',
    });
  });

  it('fills printf placeholders', () => {
    const { logger, stream } = create();

    logger.info('user %s joined room %d', 'ada', 7);

    expect(stream.lines()[0]?.message).toBe('user ada joined room 7');
  });

  it('keeps a context field named like a standard one', () => {
    const { logger, stream } = create();

    logger.info('collision', { timestamp: 'mine', 'service.name': 'other' });

    expect(stream.lines()[0]).toMatchObject({
      _timestamp: 'mine',
      '_service.name': 'other',
      'service.name': 'chat',
    });
  });
});

describe('createWinstonLogger levels', () => {
  it('reads LOG_LEVEL', () => {
    const { logger, stream } = create({ env: { LOG_LEVEL: 'warn' } });

    logger.info('dropped');
    logger.warn('kept');

    expect(stream.lines().map((line) => line.message)).toEqual(['kept']);
  });

  it('prefers the level option over LOG_LEVEL', () => {
    const { logger, stream } = create({
      level: 'debug',
      env: { LOG_LEVEL: 'error' },
    });

    logger.debug('kept');

    expect(stream.lines().map((line) => line.message)).toEqual(['kept']);
  });

  it('reports an invalid LOG_LEVEL and uses info', () => {
    const { logger, stream } = create({ env: { LOG_LEVEL: 'loud' } });

    logger.debug('dropped');
    logger.info('kept');

    expect(stream.lines().map((line) => line.message)).toEqual(['kept']);
    expect(diagnostics.join('')).toContain(
      'LOG_LEVEL="loud" is invalid: expected one of error, warn, info',
    );
  });

  it('uses syslog levels when asked', () => {
    const { logger, stream } = create({
      levels: 'syslog',
      env: { LOG_LEVEL: 'notice' },
    });

    logger.log('crit', 'critical');
    logger.log('notice', 'noticed');
    logger.log('info', 'dropped');

    expect(stream.lines().map((line) => line.level)).toEqual([
      'crit',
      'notice',
    ]);
  });
});

describe('createWinstonLogger context', () => {
  it('redacts secret keys at any depth, in arrays and by added keys', () => {
    const { logger, stream } = create({ redactedKeys: ['ssn'] });

    logger.info('signed in', {
      PASSWORD: 'one',
      user: {
        name: 'ada',
        SSN: 'two',
        credentials: [{ api_key: 'three' }, { 'Set-Cookie': 'four' }],
      },
      refreshToken: 'five',
    });

    const line = stream.lines()[0] as LogLine;
    expect(line.PASSWORD).toBe('REDACTED');
    expect(line.refreshToken).toBe('REDACTED');
    expect(line.user).toEqual({
      name: 'ada',
      SSN: 'REDACTED',
      credentials: [{ api_key: 'REDACTED' }, { 'Set-Cookie': 'REDACTED' }],
    });
  });

  it('serialises an error logged on its own with its cause chain', () => {
    const { logger, stream } = create();
    const error = new Error('outer', {
      cause: new TypeError('inner', { cause: 'a reason' }),
    });

    logger.error(error);

    const line = stream.lines()[0] as LogLine;
    expect(line.message).toBe('outer');
    expect(line.err).toMatchObject({
      name: 'Error',
      message: 'outer',
      cause: { name: 'TypeError', message: 'inner', cause: 'a reason' },
    });
    expect((line.err as LogLine).stack).toMatch(/^Error: outer\n/);
    expect(line.err).not.toHaveProperty('level');
  });

  it('serialises an error given as metadata or as the message', () => {
    const { logger, stream } = create();

    logger.warn('retrying', new RangeError('too far'));
    logger.log({
      level: 'error',
      message: new SyntaxError('bad input') as unknown as string,
    });

    const [metadata, message] = stream.lines();
    expect(metadata?.message).toBe('retrying too far');
    expect(metadata?.err).toMatchObject({
      name: 'RangeError',
      message: 'too far',
    });
    expect(metadata).not.toHaveProperty('stack');
    expect(message?.message).toBe('bad input');
    expect(message?.err).toMatchObject({
      name: 'SyntaxError',
      message: 'bad input',
    });
  });

  it('serialises errors nested in the context', () => {
    const { logger, stream } = create();
    const failure = Object.assign(new Error('nested'), {
      code: 'E_NESTED',
      token: 'secret',
    });

    logger.error('batch failed', {
      results: [{ ok: true }, { ok: false, failure }],
    });

    const line = stream.lines()[0] as LogLine;
    expect(line.results).toEqual([
      { ok: true },
      {
        ok: false,
        failure: {
          name: 'Error',
          message: 'nested',
          stack: failure.stack,
          code: 'E_NESTED',
          token: 'REDACTED',
        },
      },
    ]);
  });

  it('writes circular context without throwing', () => {
    const { logger, stream } = create();
    const room: Record<string, unknown> = { id: 1 };
    room.members = [{ name: 'ada', room }];

    expect(() => logger.info('room loaded', { room })).not.toThrow();

    expect(stream.lines()[0]?.room).toEqual({
      id: 1,
      members: [{ name: 'ada', room: '[Circular]' }],
    });
  });
});

describe('createWinstonLogger console format', () => {
  it('writes JSON without colour to a pipe', () => {
    const { logger, stream } = create({ format: 'auto' });

    logger.error('failed');

    expect(stream.text()).not.toMatch(ANSI);
    expect(stream.lines()[0]?.level).toBe('error');
  });

  it('writes coloured pretty lines to a colour terminal', () => {
    const stream = new CapturedStream(true, true);
    const logger = createWinstonLogger({ env: {}, otlp: false, stream });

    logger.error('failed', { roomId: 3 });

    expect(stream.text()).toMatch(ANSI);
    expect(stream.text()).toContain('failed');
    expect(() => JSON.parse(stream.text())).toThrow();
  });

  it('writes pretty lines without colour to a terminal without colours', () => {
    const stream = new CapturedStream(true, false);
    const logger = createWinstonLogger({ env: {}, otlp: false, stream });

    logger.info('joined', { roomId: 3 });

    expect(stream.text()).not.toMatch(ANSI);
    expect(stream.text()).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}joined roomId=3\n$/,
    );
  });

  it('writes JSON without colour to a terminal when LOG_FORMAT is json', () => {
    const stream = new CapturedStream(true, true);
    const logger = createWinstonLogger({
      env: { LOG_FORMAT: 'json' },
      otlp: false,
      stream,
    });

    logger.error('failed');

    expect(stream.text()).not.toMatch(ANSI);
    expect(stream.lines()[0]?.message).toBe('failed');
  });
});

describe('createWinstonLogger files', () => {
  it('creates the folders and writes every record to the file', async () => {
    const path = join(folder, 'missing', 'deeper', 'app.log');
    const { logger } = create({ filePath: path });

    logger.info('to the file');
    logger.error('also to the file');

    await waitForLine(() => readJsonLines(path), 'also to the file');
    expect(readJsonLines(path).map((line) => line.message)).toEqual([
      'to the file',
      'also to the file',
    ]);
  });

  it('writes error records alone to the errors file', async () => {
    const all = join(folder, 'split', 'all.log');
    const errors = join(folder, 'split', 'errors.log');
    const { logger } = create({
      filePath: all,
      errorFilePath: errors,
      levels: 'syslog',
      level: 'debug',
    });

    logger.log('info', 'routine');
    logger.log('warning', 'odd');
    logger.log('error', 'broken');
    logger.log('crit', 'critical');

    await waitForLine(() => readJsonLines(errors), 'critical');
    await waitForLine(() => readJsonLines(all), 'critical');
    expect(readJsonLines(errors).map((line) => line.message)).toEqual([
      'broken',
      'critical',
    ]);
    expect(readJsonLines(all)).toHaveLength(4);
  });

  it('reports a path it cannot open and keeps logging to the console', () => {
    const blocker = join(folder, 'not-a-folder');
    writeFileSync(blocker, 'a file where a folder should be');
    const path = join(blocker, 'app.log');

    const { logger, stream } = create({ filePath: path });
    logger.info('still logging');

    expect(diagnostics.join('')).toContain(
      `@seda/telemetry/logs error: cannot open the log file ${path}`,
    );
    expect(stream.lines().map((line) => line.message)).toEqual([
      'still logging',
    ]);
  });

  it('reports a file that fails while written and keeps logging to the console', async () => {
    const { logger, stream } = create({ filePath: '/dev/full' });

    logger.info('first');
    await waitForDiagnostic('cannot write the log file /dev/full');
    logger.info('second');

    expect(diagnostics.join('')).toContain('ENOSPC');
    expect(
      diagnostics.filter((line) => line.includes('/dev/full')),
    ).toHaveLength(1);
    expect(stream.lines().map((line) => line.message)).toEqual([
      'first',
      'second',
    ]);
  });
});

async function waitForDiagnostic(text: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (diagnostics.some((line) => line.includes(text))) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no diagnostic line with "${text}"`);
}
