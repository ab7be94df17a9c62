import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPinoLogger } from '../../src/logs/index.js';
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
  folder = mkdtempSync(join(tmpdir(), 'seda-pino-'));
});
afterAll(() => {
  stopTracing();
  rmSync(folder, { recursive: true, force: true });
});
beforeEach(() => {
  diagnostics = captureDiagnostics();
});

function create(options: Parameters<typeof createPinoLogger>[0] = {}) {
  const stream = new CapturedStream();
  const logger = createPinoLogger({
    env: {},
    serviceName: 'chat',
    stream,
    ...options,
  });
  return { logger, stream };
}

describe('createPinoLogger lines', () => {
  it('writes one JSON object per line with the standard fields', () => {
    const { logger, stream } = create();

    logger.info('first');
    logger.warn({ roomId: 3 }, 'second');

    const [first, second] = stream.lines();
    expect(stream.text().split('\n')).toHaveLength(3);
    expect(first).toEqual({
      timestamp: first?.timestamp,
      'service.name': 'chat',
      level: 'info',
      message: 'first',
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

  it('adds the trace fields inside a span only', () => {
    const { logger, stream } = create({ bindings: { part: 'rooms' } });

    logger.info('outside');
    const ids = inSpan(() => logger.info('inside'));

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

  it('reads LOG_LEVEL and reports an invalid one', () => {
    const quiet = create({ env: { LOG_LEVEL: 'error' } });
    const invalid = create({ env: { LOG_LEVEL: 'warning' } });

    quiet.logger.warn('dropped');
    quiet.logger.error('kept');
    invalid.logger.info('kept at info');

    expect(quiet.stream.lines().map((line) => line.message)).toEqual(['kept']);
    expect(invalid.stream.lines().map((line) => line.message)).toEqual([
      'kept at info',
    ]);
    expect(diagnostics.join('')).toContain(
      'LOG_LEVEL="warning" is invalid: expected one of trace, debug, info',
    );
  });
});

describe('createPinoLogger context', () => {
  it('redacts secret keys at any depth, in arrays and in child bindings', () => {
    const { logger, stream } = create();

    logger.child({ session: { Cookie: 'binding-secret' } }).info(
      {
        Authorization: 'one',
        users: [{ name: 'ada', ACCESS_TOKEN: 'two' }],
        deep: { a: { b: { secret: 'three' } } },
      },
      'request',
    );

    const line = stream.lines()[0] as LogLine;
    expect(line.session).toEqual({ Cookie: 'REDACTED' });
    expect(line.Authorization).toBe('REDACTED');
    expect(line.users).toEqual([{ name: 'ada', ACCESS_TOKEN: 'REDACTED' }]);
    expect(line.deep).toEqual({ a: { b: { secret: 'REDACTED' } } });
    expect(stream.text()).not.toMatch(/binding-secret|"one"|"two"|"three"/);
  });

  it('serialises an error logged on its own with its cause chain', () => {
    const { logger, stream } = create();

    logger.error(new Error('outer', { cause: new TypeError('inner') }));

    const line = stream.lines()[0] as LogLine;
    expect(line.message).toBe('outer');
    expect(line.err).toMatchObject({
      name: 'Error',
      message: 'outer',
      cause: { name: 'TypeError', message: 'inner' },
    });
    expect((line.err as LogLine).stack).toMatch(/^Error: outer\n/);
  });

  it('serialises errors nested in the context and circular context', () => {
    const { logger, stream } = create();
    const job: Record<string, unknown> = {
      id: 9,
      failures: [new RangeError('too far')],
    };
    job.parent = { job };

    expect(() => logger.warn({ job }, 'job failed')).not.toThrow();

    const line = stream.lines()[0] as LogLine;
    expect(line.job).toMatchObject({
      id: 9,
      failures: [{ name: 'RangeError', message: 'too far' }],
      parent: { job: '[Circular]' },
    });
  });
});

describe('createPinoLogger console format', () => {
  it('writes coloured pretty lines to a colour terminal only', () => {
    const terminal = new CapturedStream(true, true);
    const pipe = new CapturedStream(false, true);

    createPinoLogger({ env: {}, stream: terminal }).error(
      { roomId: 3 },
      'failed',
    );
    createPinoLogger({ env: {}, stream: pipe }).error({ roomId: 3 }, 'failed');

    expect(terminal.text()).toMatch(ANSI);
    expect(terminal.text()).toContain('roomId=');
    expect(pipe.text()).not.toMatch(ANSI);
    expect(pipe.lines()[0]?.roomId).toBe(3);
  });
});

describe('createPinoLogger files', () => {
  it('writes every record to the file and errors alone to the errors file', async () => {
    const all = join(folder, 'new', 'all.log');
    const errors = join(folder, 'new', 'errors', 'errors.log');
    const { logger } = create({ filePath: all, errorFilePath: errors });

    logger.info('routine');
    logger.error('broken');
    logger.fatal('down');

    await waitForLine(() => readJsonLines(all), 'down');
    await waitForLine(() => readJsonLines(errors), 'down');
    expect(readJsonLines(all).map((line) => line.message)).toEqual([
      'routine',
      'broken',
      'down',
    ]);
    expect(readJsonLines(errors).map((line) => line.message)).toEqual([
      'broken',
      'down',
    ]);
    expect(readJsonLines(errors)[0]?.['service.name']).toBe('chat');
  });

  it('reports a path it cannot open and keeps logging to the console', () => {
    const blocker = join(folder, 'file-in-the-way');
    writeFileSync(blocker, '');
    const path = join(blocker, 'errors.log');

    const { logger, stream } = create({ errorFilePath: path });
    logger.error('still logging');

    expect(diagnostics.join('')).toContain(`cannot open the log file ${path}`);
    expect(stream.lines().map((line) => line.message)).toEqual([
      'still logging',
    ]);
  });
});
