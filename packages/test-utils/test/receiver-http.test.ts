import { gzipSync } from 'node:zlib';

import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startOtlpReceiver, type OtlpReceiver } from '../src/index.js';
import { exportOrThrow } from './support/export-result.js';

type ExporterConfig = NonNullable<
  ConstructorParameters<typeof ProtoTraceExporter>[0]
>;

// The option's type is a string enum of otlp-exporter-base, a package this
// one does not depend on directly.
const GZIP = 'gzip' as ExporterConfig['compression'];

function recordSpan(name: string): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });

  provider.getTracer('seda-http-test').startSpan(name).end();
  return memory.getFinishedSpans();
}

function post(
  receiver: OtlpReceiver,
  path: string,
  headers: Record<string, string>,
  body: Uint8Array | string,
): Promise<Response> {
  return fetch(`${receiver.url}${path}`, { method: 'POST', headers, body });
}

/** Reads a protobuf `google.rpc.Status` body: code = 1, message = 2. */
function decodeRpcStatus(body: ArrayBuffer): { code: number; message: string } {
  const reader = protobuf.Reader.create(new Uint8Array(body));
  const status = { code: 0, message: '' };

  while (reader.pos < reader.len) {
    const tag = reader.uint32();

    if (tag >>> 3 === 1) status.code = reader.int32();
    else if (tag >>> 3 === 2) status.message = reader.string();
    else reader.skipType(tag & 7);
  }
  return status;
}

describe('receiver HTTP handling', () => {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });

  beforeEach(() => {
    receiver.reset();
  });

  afterAll(async () => {
    await receiver.close();
  });

  it('listens on loopback with a free port', () => {
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(receiver.url).not.toMatch(/:0$/);
    expect(receiver.endpoint('metrics')).toBe(`${receiver.url}/v1/metrics`);
  });

  it('decodes gzip protobuf from the exporter', async () => {
    const spans = recordSpan('compressed protobuf');
    const exporter = new ProtoTraceExporter({
      url: receiver.endpoint('traces'),
      compression: GZIP,
    });

    await exportOrThrow(exporter, spans);

    expect(receiver.spans().map((span) => span.name)).toEqual([
      'compressed protobuf',
    ]);
    expect(receiver.requests()[0]).toMatchObject({
      contentEncoding: 'gzip',
      encoding: 'protobuf',
      status: 200,
    });
  });

  it('decodes gzip JSON from the exporter', async () => {
    const exporter = new JsonTraceExporter({
      url: receiver.endpoint('traces'),
      compression: GZIP,
    });

    await exportOrThrow(exporter, recordSpan('compressed json'));

    expect(receiver.spans()[0]?.name).toBe('compressed json');
    expect(receiver.requests()[0]).toMatchObject({
      contentEncoding: 'gzip',
      encoding: 'json',
    });
  });

  it('records the wire size of a gzip body', async () => {
    const body = gzipSync(JSON.stringify({ resourceSpans: [] }));

    await post(
      receiver,
      '/v1/traces',
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body,
    );

    expect(receiver.requests()[0]?.byteLength).toBe(body.length);
  });

  it('responds 415 to other content types', async () => {
    const response = await post(
      receiver,
      '/v1/traces',
      { 'content-type': 'text/plain' },
      'hello',
    );

    const status = decodeRpcStatus(await response.arrayBuffer());

    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    expect(status.message).toBe(
      'unsupported Content-Type "text/plain", ' +
        'use application/x-protobuf or application/json',
    );
    expect(receiver.requests()[0]).toMatchObject({
      contentType: 'text/plain',
      status: 415,
    });
    expect(receiver.requests()[0]?.encoding).toBeUndefined();
  });

  it('responds 400 to bad protobuf', async () => {
    // Field 1, length-delimited, claims 255 bytes that are not there.
    const response = await post(
      receiver,
      '/v1/traces',
      { 'content-type': 'application/x-protobuf' },
      new Uint8Array([0x0a, 0xff, 0x01, 0x00]),
    );
    const status = decodeRpcStatus(await response.arrayBuffer());

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    expect(status.code).toBe(3);
    expect(status.message).toMatch(
      /invalid protobuf ExportTraceServiceRequest/,
    );
  });

  it('responds 400 to bad JSON', async () => {
    const response = await post(
      receiver,
      '/v1/logs',
      { 'content-type': 'application/json' },
      '{"resourceLogs": [',
    );

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 3,
      message: expect.stringMatching(/^invalid JSON/),
    });
  });

  it('responds 400 to misshapen JSON', async () => {
    const response = await post(
      receiver,
      '/v1/traces',
      { 'content-type': 'application/json' },
      JSON.stringify({
        resourceSpans: [{ scopeSpans: [{ spans: [{ name: 7 }] }] }],
      }),
    );

    expect(response.status).toBe(400);
    expect(receiver.requests()[0]?.error).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].name: expected a string, got 7',
    );
    expect(receiver.spans()).toEqual([]);
  });

  it('responds 400 to corrupt gzip', async () => {
    const response = await post(
      receiver,
      '/v1/metrics',
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      '{}',
    );

    expect(response.status).toBe(400);
    expect(receiver.requests()[0]?.error).toMatch(/^invalid gzip body/);
  });

  it('responds 400 to unknown encodings', async () => {
    const response = await post(
      receiver,
      '/v1/metrics',
      { 'content-type': 'application/json', 'content-encoding': 'br' },
      '{}',
    );

    expect(response.status).toBe(400);
    expect(receiver.requests()[0]?.error).toBe(
      'unsupported Content-Encoding "br"',
    );
  });

  it('responds 404 off signal paths', async () => {
    const response = await post(
      receiver,
      '/v1/profiles',
      { 'content-type': 'application/json' },
      '{}',
    );

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      code: 5,
      message:
        '/v1/profiles not found, OTLP paths are /v1/{traces,metrics,logs}',
    });
    expect(receiver.requests()[0]?.signal).toBeUndefined();
  });

  it('responds 405 to GET', async () => {
    const response = await fetch(receiver.endpoint('traces'));

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(decodeRpcStatus(await response.arrayBuffer()).message).toBe(
      'method GET not allowed, use POST',
    );
  });

  it('forgets everything on reset', async () => {
    await exportOrThrow(
      new ProtoTraceExporter({ url: receiver.endpoint('traces') }),
      recordSpan('forgotten'),
    );

    receiver.reset();

    expect(receiver.spans()).toEqual([]);
    expect(receiver.requests()).toEqual([]);
  });
});
