import { logs, SeverityNumber } from '@opentelemetry/api';
import { logs as apiLogs } from '@opentelemetry/api-logs';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';
import { componentLogger } from '../../src/diag/logger.js';
import { bridgeApiLogs } from '../../src/logs/api-logs-bridge.js';
import { createPinoLogger, createWinstonLogger } from '../../src/logs/index.js';
import { RedactingLogRecordProcessor } from '../../src/logs/redacting-processor.js';
import { KeyRedactor } from '../../src/logs/redaction.js';
import { publishServiceName } from '../../src/logs/running-service.js';
import { captureDiagnostics } from './diag-capture.js';
import { CapturedStream, inSpan, useInProcessTracing } from './support.js';

let stopTracing: () => void;
let exporter: InMemoryLogRecordExporter;
let provider: LoggerProvider;
let unbridge: () => void;
let diagnostics: string[];

beforeAll(() => {
  stopTracing = useInProcessTracing();
});
afterAll(() => stopTracing());

beforeEach(() => {
  diagnostics = captureDiagnostics();
  exporter = new InMemoryLogRecordExporter();
  provider = new LoggerProvider({
    processors: [
      new RedactingLogRecordProcessor(new KeyRedactor(['roomSecret'])),
      new SimpleLogRecordProcessor({ exporter }),
    ],
  });
  logs.setGlobalLoggerProvider(provider);
  unbridge = bridgeApiLogs(provider, componentLogger('logs'));
});

afterEach(async () => {
  unbridge();
  logs.disable();
  await provider.shutdown();
});

describe('api-logs bridge', () => {
  it('sends records of the old API to the SDK provider', () => {
    apiLogs
      .getLogger('old-api')
      .emit({ body: 'through the bridge', severityNumber: 9 });

    const [record] = exporter.getFinishedLogRecords();
    expect(record?.body).toBe('through the bridge');
    expect(record?.severityNumber).toBe(SeverityNumber.INFO);
    expect(record?.instrumentationScope.name).toBe('old-api');
  });

  it('removes the bridge at shutdown', () => {
    unbridge();

    apiLogs.getLogger('old-api').emit({ body: 'after shutdown' });

    expect(exporter.getFinishedLogRecords()).toEqual([]);
  });

  it('leaves a provider someone else registered alone', () => {
    unbridge();
    const other = new InMemoryLogRecordExporter();
    const otherProvider = new LoggerProvider({
      processors: [new SimpleLogRecordProcessor({ exporter: other })],
    });
    apiLogs.setGlobalLoggerProvider(otherProvider);

    const undo = bridgeApiLogs(provider, componentLogger('logs'));
    undo();
    apiLogs.getLogger('old-api').emit({ body: 'to the other provider' });

    expect(diagnostics.join('')).toContain(
      'another @opentelemetry/api-logs logger provider is registered',
    );
    expect(other.getFinishedLogRecords().map((record) => record.body)).toEqual([
      'to the other provider',
    ]);
    expect(exporter.getFinishedLogRecords()).toEqual([]);
    apiLogs.disable();
  });
});

describe('redacting log record processor', () => {
  it('redacts attributes and body at any depth', () => {
    logs.getLogger('any').emit({
      body: { message: 'hello', cookie: 'body-secret' },
      attributes: {
        password: 'top-secret',
        request: { headers: { Authorization: 'header-secret' } },
        users: [{ roomSecret: 'added-key-secret' }],
        kept: 'visible',
      },
    });

    const [record] = exporter.getFinishedLogRecords();
    expect(record?.body).toEqual({ message: 'hello', cookie: 'REDACTED' });
    expect(record?.attributes).toEqual({
      password: 'REDACTED',
      request: { headers: { Authorization: 'REDACTED' } },
      users: [{ roomSecret: 'REDACTED' }],
      kept: 'visible',
    });
  });

  it('rewrites nothing in a record without secrets', () => {
    const written: string[] = [];
    const record = {
      attributes: { tags: ['a', 'b'], user: { name: 'ada' } },
      body: { text: 'plain' },
      setAttribute: (key: string) => written.push(key),
      setBody: () => written.push('body'),
    };
    const processor = new RedactingLogRecordProcessor(new KeyRedactor());

    processor.onEmit(
      record as unknown as Parameters<typeof processor.onEmit>[0],
    );

    expect(written).toEqual([]);
  });
});

describe('winston factory without the instrumentation', () => {
  it('adds its own OpenTelemetry transport', () => {
    const logger = createWinstonLogger({
      env: {},
      stream: new CapturedStream(),
      levels: 'syslog',
    });

    const ids = inSpan(() =>
      logger.log('crit', 'disk almost full', {
        password: 'secret',
        disk: '/data',
      }),
    );

    const [record] = exporter.getFinishedLogRecords();
    expect(record?.body).toBe('disk almost full');
    expect(record?.severityText).toBe('crit');
    expect(record?.severityNumber).toBe(SeverityNumber.ERROR2);
    expect(record?.spanContext?.traceId).toBe(ids.traceId);
    expect(record?.spanContext?.spanId).toBe(ids.spanId);
    expect(record?.attributes).toEqual({ password: 'REDACTED', disk: '/data' });
  });

  it('sends nothing with otlp off', () => {
    const logger = createWinstonLogger({
      env: {},
      stream: new CapturedStream(),
      otlp: false,
    });

    logger.info('local only');

    expect(exporter.getFinishedLogRecords()).toEqual([]);
    expect(logger.transports).toHaveLength(1);
  });
});

describe('pino factory without the instrumentation', () => {
  it('reports that a running SDK gets no records', () => {
    const unpublish = publishServiceName('running-service');
    const stream = new CapturedStream();

    const logger = createPinoLogger({ env: {}, stream });
    logger.info('not exported');
    unpublish();

    expect(diagnostics.join('')).toContain(
      'pino is not instrumented, so this logger sends no OTLP log records',
    );
    expect(stream.lines()[0]?.['service.name']).toBe('running-service');
    expect(exporter.getFinishedLogRecords()).toEqual([]);
  });
});
