import protobuf from 'protobufjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startOtlpReceiver, type OtlpReceiver } from '../src/index.js';

const LENGTH_DELIMITED = 2;
const FIXED64 = 1;

/** Writes a length-delimited field whose content `write` produces. */
function nested(
  writer: protobuf.Writer,
  field: number,
  write: (inner: protobuf.Writer) => void,
): void {
  writer.uint32((field << 3) | LENGTH_DELIMITED).fork();
  write(writer);
  writer.ldelim();
}

/**
 * Encodes, with raw field numbers from the OTLP metrics.proto rather than
 * the receiver's schema, a request with one summary point.
 */
function encodeSummaryRequest(): Uint8Array {
  const writer = protobuf.Writer.create();

  nested(writer, 1, (resourceMetrics) =>
    nested(resourceMetrics, 2, (scopeMetrics) =>
      nested(scopeMetrics, 2, (metric) => {
        metric.uint32((1 << 3) | LENGTH_DELIMITED).string('seda.upload.size');
        nested(metric, 11, (summary) =>
          nested(summary, 1, (point) => {
            point.uint32((3 << 3) | FIXED64).fixed64('1700000000000000000');
            point.uint32((4 << 3) | FIXED64).fixed64(10);
            point.uint32((5 << 3) | FIXED64).double(1234.5);
            nested(point, 6, (quantile) => {
              quantile.uint32((1 << 3) | FIXED64).double(0.99);
              quantile.uint32((2 << 3) | FIXED64).double(512);
            });
            nested(point, 7, (attribute) => {
              attribute.uint32((1 << 3) | LENGTH_DELIMITED).string('seda.kind');
              nested(attribute, 2, (value) =>
                value.uint32((1 << 3) | LENGTH_DELIMITED).string('avatar'),
              );
            });
          }),
        );
      }),
    ),
  );
  return writer.finish();
}

const SUMMARY_JSON = {
  resourceMetrics: [
    {
      scopeMetrics: [
        {
          metrics: [
            {
              name: 'seda.upload.size',
              summary: {
                dataPoints: [
                  {
                    timeUnixNano: '1700000000000000000',
                    count: '10',
                    sum: 1234.5,
                    quantileValues: [{ quantile: 0.99, value: 512 }],
                    attributes: [
                      { key: 'seda.kind', value: { stringValue: 'avatar' } },
                    ],
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  ],
};

function post(
  receiver: OtlpReceiver,
  path: string,
  contentType: string,
  body: Uint8Array | string,
): Promise<Response> {
  return fetch(`${receiver.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
}

describe('hand-written requests', () => {
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

  it('decodes a protobuf summary point', async () => {
    const response = await post(
      receiver,
      '/v1/metrics',
      'application/x-protobuf',
      encodeSummaryRequest(),
    );

    expect(response.status).toBe(200);
    expect(receiver.metrics()).toEqual([
      expect.objectContaining({
        name: 'seda.upload.size',
        type: 'summary',
        count: 10,
        sum: 1234.5,
        quantileValues: [{ quantile: 0.99, value: 512 }],
        attributes: { 'seda.kind': 'avatar' },
        timeUnixNano: 1_700_000_000_000_000_000n,
      }),
    ]);
  });

  it('decodes the same summary from JSON', async () => {
    await post(
      receiver,
      '/v1/metrics',
      'application/x-protobuf',
      encodeSummaryRequest(),
    );
    const [fromProtobuf] = receiver.metrics();

    receiver.reset();
    await post(
      receiver,
      '/v1/metrics',
      'application/json',
      JSON.stringify(SUMMARY_JSON),
    );

    expect(receiver.metrics()).toEqual([fromProtobuf]);
  });

  it('accepts lenient OTLP/JSON values', async () => {
    const request = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '4BF92F3577B34DA6A3CE929D0E0E4736',
                  spanId: '00F067AA0BA902B7',
                  name: 'upload',
                  kind: 'SPAN_KIND_PRODUCER',
                  startTimeUnixNano: 5,
                  endTimeUnixNano: '9007199254740993',
                  attributes: [
                    { key: 'big', value: { intValue: '9007199254740993' } },
                    { key: 'nan', value: { doubleValue: 'NaN' } },
                    { key: 'empty', value: {} },
                  ],
                  status: { code: 2 },
                },
              ],
            },
          ],
        },
      ],
    };

    const response = await post(
      receiver,
      '/v1/traces',
      'application/json; charset=utf-8',
      JSON.stringify(request),
    );

    expect(response.status).toBe(200);
    expect(receiver.spans()[0]).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      kind: 'PRODUCER',
      startTimeUnixNano: 5n,
      endTimeUnixNano: 9007199254740993n,
      attributes: { big: 9007199254740993n, nan: Number.NaN, empty: null },
      status: { code: 'ERROR' },
    });
  });

  it('responds to JSON with empty JSON', async () => {
    const response = await post(receiver, '/v1/logs', 'application/json', '{}');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({});
  });

  it('responds to protobuf with empty protobuf', async () => {
    const response = await post(
      receiver,
      '/v1/logs',
      'application/x-protobuf',
      new Uint8Array(),
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });
});
