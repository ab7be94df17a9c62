import { request } from 'node:http';

import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startOtlpReceiver, type OtlpReceiver } from '../src/index.js';
import { exportOnce } from './support/export-result.js';

/**
 * Short enough that the exporter's first retry, scheduled about 1 s after a
 * retryable failure, falls past the deadline and the export fails at once.
 */
const EXPORT_TIMEOUT_MILLIS = 500;

function recordSpan(): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });

  provider.getTracer('seda-modes-test').startSpan('GET /health').end();
  return memory.getFinishedSpans();
}

function protoExporter(receiver: OtlpReceiver): ProtoTraceExporter {
  return new ProtoTraceExporter({
    url: receiver.endpoint('traces'),
    timeoutMillis: EXPORT_TIMEOUT_MILLIS,
  });
}

/** Sends a raw request and resolves with how it ended. */
function rawRequest(url: string): Promise<string> {
  return new Promise((resolve) => {
    const outgoing = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });

    outgoing.on('response', (response) =>
      resolve(`status ${response.statusCode}`),
    );
    outgoing.on('error', (error) => resolve(`error ${error.message}`));
    outgoing.end('{}');
  });
}

describe('receiver modes', () => {
  let receiver: OtlpReceiver;

  beforeEach(async () => {
    receiver = await startOtlpReceiver();
  });

  afterEach(async () => {
    await receiver.close();
  });

  it('starts in accept mode', () => {
    expect(receiver.mode()).toBe('accept');
  });

  it('discard mode answers 200 and stores no telemetry', async () => {
    receiver.setMode('discard');

    const result = await exportOnce(protoExporter(receiver), recordSpan());

    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(receiver.requests().map((entry) => entry.status)).toEqual([200]);
    expect(receiver.spans()).toEqual([]);
  });

  it('discard mode rejects truncated protobuf', async () => {
    receiver.setMode('discard');
    // Field 1 announces 5 bytes of content, and one follows.
    const response = await fetch(receiver.endpoint('traces'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: new Uint8Array([0x0a, 0x05, 0x01]),
    });

    expect(response.status).toBe(400);
    expect(receiver.requests()[0]?.error).toBe('invalid protobuf: truncated message');
  });

  it('refuse mode fails with 503', async () => {
    receiver.setMode('refuse');

    const result = await exportOnce(protoExporter(receiver), recordSpan());

    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(receiver.requests().map((entry) => entry.status)).toEqual([503]);
    expect(receiver.spans()).toEqual([]);
  });

  it('reject mode fails with 400', async () => {
    receiver.setMode('reject');

    const result = await exportOnce(
      new JsonTraceExporter({ url: receiver.endpoint('traces') }),
      recordSpan(),
    );

    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toMatch(/Bad Request/);
    // The exporter keeps the response body, a JSON google.rpc.Status here.
    expect(JSON.parse((result.error as { data?: string }).data ?? '')).toEqual({
      code: 3,
      message: 'the receiver is in "reject" mode',
    });
    expect(receiver.requests()).toEqual([
      expect.objectContaining({ status: 400, itemCount: 0 }),
    ]);
  });

  it('hang mode times the export out', async () => {
    receiver.setMode('hang');

    const result = await exportOnce(protoExporter(receiver), recordSpan());

    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toMatch(/timed out/);
    expect(receiver.requests()[0]?.status).toBeNull();
  });

  it('close ends a hanging request', async () => {
    receiver.setMode('hang');

    const outcome = rawRequest(receiver.endpoint('traces'));

    await receiver.waitFor(({ requests }) => requests.length === 1);
    await receiver.close();

    expect(await outcome).toMatch(/^error /);
  });

  it('switches back to accept at run time', async () => {
    receiver.setMode('refuse');
    await exportOnce(protoExporter(receiver), recordSpan());
    receiver.setMode('accept');

    const result = await exportOnce(protoExporter(receiver), recordSpan());

    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(receiver.spans()).toHaveLength(1);
  });
});
