import { SpanKind, SpanStatusCode, type Link } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startOtlpReceiver,
  type OtlpReceiver,
  type ReceivedSpan,
} from '../src/index.js';
import { countWithoutDecoding, exportOrThrow, hrTimeToNanos } from './support/export-result.js';

const SPAN_ATTRIBUTES = {
  'http.route': '/rooms/:roomId',
  'http.response.status_code': 200,
  'seda.room.ratio': 0.75,
  'seda.room.negative': -42,
  'seda.room.public': true,
  'seda.room.private': false,
  'seda.room.empty': '',
  'seda.room.tags': ['jazz', 'late-night'],
  'seda.room.listener_counts': [3, 5, 8],
  'seda.room.gains': [0.5, 1.25],
  'seda.room.flags': [true, false],
};

function recordSpans(): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'room-service',
      'service.version': '1.2.3',
      'host.cpu.count': 2,
    }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });
  const tracer = provider.getTracer('seda-rooms', '0.4.0');
  const linked = tracer.startSpan('linked work');
  const link: Link = {
    context: linked.spanContext(),
    attributes: { 'seda.link.reason': 'fan-out' },
  };

  linked.end();
  tracer.startActiveSpan(
    'GET /rooms/:roomId',
    { kind: SpanKind.SERVER, attributes: SPAN_ATTRIBUTES },
    (server) => {
      const client = tracer.startSpan('SELECT rooms', {
        kind: SpanKind.CLIENT,
        links: [link],
        attributes: { 'db.system.name': 'postgresql' },
      });

      client.addEvent('rows fetched', { 'db.response.returned_rows': 12 });
      client.setStatus({ code: SpanStatusCode.ERROR, message: 'timeout' });
      client.end();
      server.setStatus({ code: SpanStatusCode.OK });
      server.end();
    },
  );
  return memory.getFinishedSpans();
}

async function receiveThrough(
  receiver: OtlpReceiver,
  exporter: ProtoTraceExporter | JsonTraceExporter,
  spans: ReadableSpan[],
): Promise<ReceivedSpan[]> {
  receiver.reset();
  await exportOrThrow(exporter, spans);
  return receiver.spans();
}

function byName(spans: ReceivedSpan[], name: string): ReceivedSpan {
  const span = spans.find((candidate) => candidate.name === name);

  if (span === undefined) throw new Error(`no span named "${name}"`);
  return span;
}

describe('trace decoding', () => {
  let receiver: OtlpReceiver;
  let recorded: ReadableSpan[];
  let fromProtobuf: ReceivedSpan[];
  let fromJson: ReceivedSpan[];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    recorded = recordSpans();
    fromProtobuf = await receiveThrough(
      receiver,
      new ProtoTraceExporter({ url: receiver.endpoint('traces') }),
      recorded,
    );
    fromJson = await receiveThrough(
      receiver,
      new JsonTraceExporter({ url: receiver.endpoint('traces') }),
      recorded,
    );
  });

  afterAll(async () => {
    await receiver.close();
  });

  it('decodes both encodings to equal spans', () => {
    expect(fromProtobuf).toHaveLength(3);
    expect(fromJson).toEqual(fromProtobuf);
  });

  it('keeps ids, parents and times', () => {
    for (const source of recorded) {
      const span = byName(fromProtobuf, source.name);

      expect(span.traceId).toBe(source.spanContext().traceId);
      expect(span.spanId).toBe(source.spanContext().spanId);
      expect(span.parentSpanId).toBe(source.parentSpanContext?.spanId);
      expect(span.startTimeUnixNano).toBe(hrTimeToNanos(source.startTime));
      expect(span.endTimeUnixNano).toBe(hrTimeToNanos(source.endTime));
      expect(span.flags & 0xff).toBe(source.spanContext().traceFlags);
    }
  });

  it('decodes attributes of every type', () => {
    const server = byName(fromProtobuf, 'GET /rooms/:roomId');

    expect(server.attributes).toEqual(SPAN_ATTRIBUTES);
    expect(server.kind).toBe('SERVER');
    expect(server.status).toEqual({ code: 'OK' });
  });

  it('decodes events, links and error status', () => {
    const client = byName(fromJson, 'SELECT rooms');
    const linked = byName(fromJson, 'linked work');

    expect(client.kind).toBe('CLIENT');
    expect(client.status).toEqual({ code: 'ERROR', message: 'timeout' });
    expect(client.events).toEqual([
      {
        name: 'rows fetched',
        timeUnixNano: expect.any(BigInt),
        attributes: { 'db.response.returned_rows': 12 },
        droppedAttributesCount: 0,
      },
    ]);
    expect(client.links).toEqual([
      {
        traceId: linked.traceId,
        spanId: linked.spanId,
        attributes: { 'seda.link.reason': 'fan-out' },
        droppedAttributesCount: 0,
      },
    ]);
    expect(linked.kind).toBe('INTERNAL');
    expect(linked.parentSpanId).toBeUndefined();
  });

  it('decodes resource and scope', () => {
    const span = byName(fromJson, 'SELECT rooms');

    expect(span.resource).toEqual({
      'service.name': 'room-service',
      'service.version': '1.2.3',
      'host.cpu.count': 2,
    });
    expect(span.scope).toEqual({ name: 'seda-rooms', version: '0.4.0' });
  });

  it('records each request with its encoding', () => {
    const requests = receiver.requests();

    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      signal: 'traces',
      encoding: 'json',
      status: 200,
      itemCount: 3,
    });
  });

  it('discard mode counts the spans it does not decode', async () => {
    const counts = await countWithoutDecoding(
      receiver,
      [
        new ProtoTraceExporter({ url: receiver.endpoint('traces') }),
        new JsonTraceExporter({ url: receiver.endpoint('traces') }),
      ],
      recorded,
    );

    expect(fromProtobuf.length).toBeGreaterThan(1);
    expect(counts).toEqual([fromProtobuf.length, fromProtobuf.length]);
  });
});
