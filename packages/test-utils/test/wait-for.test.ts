import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startOtlpReceiver, type OtlpReceiver } from '../src/index.js';

function spanRequest(names: string[], attributes: Record<string, string> = {}) {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'rooms' } },
          ],
        },
        scopeSpans: [
          {
            spans: names.map((name, i) => ({
              traceId: '0af7651916cd43dd8448eb211c80319c',
              spanId: `00000000000000${String(i + 1).padStart(2, '0')}`,
              name,
              kind: 2,
              attributes: Object.entries(attributes).map(([key, value]) => ({
                key,
                value: { stringValue: value },
              })),
            })),
          },
        ],
      },
    ],
  };
}

function counterRequest(route: string, value: number) {
  return {
    resourceMetrics: [
      {
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'http.server.requests',
                sum: {
                  isMonotonic: true,
                  aggregationTemporality: 2,
                  dataPoints: [
                    {
                      asInt: String(value),
                      attributes: [
                        { key: 'http.route', value: { stringValue: route } },
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
}

async function postJson(
  receiver: OtlpReceiver,
  signal: 'traces' | 'metrics',
  body: unknown,
): Promise<void> {
  const response = await fetch(receiver.endpoint(signal), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  expect(response.status).toBe(200);
}

describe('waitFor', () => {
  let receiver: OtlpReceiver;

  beforeEach(async () => {
    receiver = await startOtlpReceiver();
  });

  afterEach(async () => {
    await receiver.close();
  });

  it('resolves at once when already satisfied', async () => {
    await postJson(receiver, 'traces', spanRequest(['GET /rooms']));

    const names = await receiver.waitFor(({ spans }) =>
      spans.length > 0 ? spans.map((span) => span.name) : undefined,
    );

    expect(names).toEqual(['GET /rooms']);
  });

  it('resolves when a later request arrives', async () => {
    const waiting = receiver.waitForSpans({ name: /^POST / }, { count: 2 });

    await postJson(receiver, 'traces', spanRequest(['POST /rooms']));
    await postJson(
      receiver,
      'traces',
      spanRequest(['GET /rooms', 'POST /join']),
    );

    const spans = await waiting;

    expect(spans.map((span) => span.name)).toEqual([
      'POST /rooms',
      'POST /join',
    ]);
  });

  it('filters spans by attributes and kind', async () => {
    await postJson(
      receiver,
      'traces',
      spanRequest(['a'], { 'http.route': '/x' }),
    );
    await postJson(
      receiver,
      'traces',
      spanRequest(['b'], { 'http.route': '/rooms/1' }),
    );

    const spans = await receiver.waitForSpans({
      kind: 'SERVER',
      attributes: { 'http.route': /^\/rooms\// },
    });

    expect(spans.map((span) => span.name)).toEqual(['b']);
  });

  it('waits for a metric with matching attributes', async () => {
    const waiting = receiver.waitForMetric('http.server.requests', {
      attributes: { 'http.route': '/rooms' },
    });

    await postJson(receiver, 'metrics', counterRequest('/health', 1));
    await postJson(receiver, 'metrics', counterRequest('/rooms', 4));

    const points = await waiting;

    expect(points).toHaveLength(1);
    expect(points[0]?.value).toBe(4);
  });

  it('times out with a list of what arrived', async () => {
    await postJson(receiver, 'traces', spanRequest(['GET /rooms/:id']));
    await postJson(receiver, 'metrics', counterRequest('/rooms/:id', 1));

    const waiting = receiver.waitForSpans(
      { name: 'never sent' },
      { timeoutMillis: 50, message: 'Expected the join span' },
    );

    await expect(waiting).rejects.toThrow(
      'Expected the join span: timed out after 50 ms.',
    );
    await waiting.catch((error: Error) => {
      expect(error.message).toContain('Requests (2):');
      expect(error.message).toContain(
        'POST /v1/traces, application/json, uncompressed',
      );
      expect(error.message).toContain('Spans (1):\n  GET /rooms/:id [SERVER]');
      expect(error.message).toContain(
        'http.server.requests (sum) {http.route=/rooms/:id} 1',
      );
      expect(error.message).toContain('Log records: none');
    });
  });

  it('reports the last error a check threw', async () => {
    await postJson(receiver, 'traces', spanRequest(['GET /rooms']));

    const waiting = receiver.waitFor(
      ({ spans }) => {
        if (spans.length < 2) throw new Error(`only ${spans.length} span(s)`);
        return true;
      },
      { timeoutMillis: 50 },
    );

    await expect(waiting).rejects.toThrow(
      'Last check failed with: only 1 span(s)',
    );
  });

  it('rejects waits after close', async () => {
    await receiver.close();

    await expect(receiver.waitForSpans()).rejects.toThrow(
      'The OTLP receiver is closed',
    );
  });

  it('rejects pending waits on close', async () => {
    const waiting = receiver.waitForSpans({}, { timeoutMillis: 60_000 });

    await receiver.close();

    await expect(waiting).rejects.toThrow('The OTLP receiver is closed');
  });
});
