import {
  ROOT_CONTEXT,
  SeverityNumber,
  TraceFlags,
  trace,
  type Attributes,
} from '@opentelemetry/api';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startOtlpReceiver,
  type OtlpReceiver,
  type ReceivedLogRecord,
} from '../src/index.js';
import { countWithoutDecoding, exportOrThrow, hrTimeToNanos } from './support/export-result.js';

const SPAN_CONTEXT = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
};

const TRACK_BODY = {
  track: { title: 'Blue in Green', durationSeconds: 337.5, plays: 12 },
  tags: ['modal', 'jazz'],
  artwork: new Uint8Array([0, 1, 254, 255]),
  skipped: false,
};

function recordLogs(): ReadableLogRecord[] {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'player-service' }),
    processors: [new SimpleLogRecordProcessor({ exporter: memory })],
  });
  const logger = provider.getLogger('seda-player', '3.1.0');

  logger.emit({
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    body: 'listener joined',
    attributes: { 'seda.room': 'jazz', 'seda.listener.count': 42 },
    context: trace.setSpanContext(ROOT_CONTEXT, SPAN_CONTEXT),
  });
  logger.emit({
    severityNumber: SeverityNumber.ERROR2,
    severityText: 'ERROR',
    eventName: 'seda.track.failed',
    body: TRACK_BODY,
    // Log attributes may hold any AnyValue, which the API types narrow.
    attributes: {
      'seda.track.checksum': new Uint8Array([222, 173, 190, 239]),
      'seda.track.meta': { bitrate: 320, codec: 'opus' },
    } as unknown as Attributes,
  });
  return memory.getFinishedLogRecords();
}

async function receiveThrough(
  receiver: OtlpReceiver,
  exporter: ProtoLogExporter | JsonLogExporter,
  records: ReadableLogRecord[],
): Promise<ReceivedLogRecord[]> {
  receiver.reset();
  await exportOrThrow(exporter, records);
  return receiver.logs();
}

describe('log decoding', () => {
  let receiver: OtlpReceiver;
  let recorded: ReadableLogRecord[];
  let fromProtobuf: ReceivedLogRecord[];
  let fromJson: ReceivedLogRecord[];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    recorded = recordLogs();
    fromProtobuf = await receiveThrough(
      receiver,
      new ProtoLogExporter({ url: receiver.endpoint('logs') }),
      recorded,
    );
    fromJson = await receiveThrough(
      receiver,
      new JsonLogExporter({ url: receiver.endpoint('logs') }),
      recorded,
    );
  });

  afterAll(async () => {
    await receiver.close();
  });

  it('decodes both encodings to equal records', () => {
    expect(fromProtobuf).toHaveLength(2);
    expect(fromJson).toEqual(fromProtobuf);
  });

  it('decodes a string body with trace context', () => {
    const [joined] = fromProtobuf;

    expect(joined).toMatchObject({
      severityNumber: 9,
      severityText: 'INFO',
      body: 'listener joined',
      attributes: { 'seda.room': 'jazz', 'seda.listener.count': 42 },
      traceId: SPAN_CONTEXT.traceId,
      spanId: SPAN_CONTEXT.spanId,
      flags: TraceFlags.SAMPLED,
    });
    expect(joined?.eventName).toBeUndefined();
  });

  it('decodes a structured body and any-value attributes', () => {
    const failed = fromJson[1];

    expect(failed?.body).toEqual(TRACK_BODY);
    expect(failed?.attributes).toEqual({
      'seda.track.checksum': new Uint8Array([222, 173, 190, 239]),
      'seda.track.meta': { bitrate: 320, codec: 'opus' },
    });
    expect(failed?.severityNumber).toBe(SeverityNumber.ERROR2);
    expect(failed?.eventName).toBe('seda.track.failed');
    expect(failed?.traceId).toBeUndefined();
  });

  it('keeps timestamps, resource and scope', () => {
    fromJson.forEach((record, i) => {
      const source = recorded[i] as ReadableLogRecord;

      expect(record.timeUnixNano).toBe(hrTimeToNanos(source.hrTime));
      expect(record.observedTimeUnixNano).toBe(
        hrTimeToNanos(source.hrTimeObserved),
      );
      expect(record.resource).toEqual({ 'service.name': 'player-service' });
      expect(record.scope).toEqual({ name: 'seda-player', version: '3.1.0' });
    });
  });

  it('discard mode counts the log records it does not decode', async () => {
    const counts = await countWithoutDecoding(
      receiver,
      [
        new ProtoLogExporter({ url: receiver.endpoint('logs') }),
        new JsonLogExporter({ url: receiver.endpoint('logs') }),
      ],
      recorded,
    );

    expect(fromProtobuf.length).toBeGreaterThan(1);
    expect(counts).toEqual([fromProtobuf.length, fromProtobuf.length]);
  });
});
