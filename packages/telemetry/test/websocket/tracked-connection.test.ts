import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { TrackedConnection } from '../../src/instrumentations/websocket/connection.js';
import { WebSocketMetrics } from '../../src/instrumentations/websocket/metrics.js';
import { OnDemandReader, pointsOf } from '../support/on-demand-reader.js';

describe('TrackedConnection', () => {
  it('counts a second close as nothing', async () => {
    const reader = new OnDemandReader();
    const provider = new MeterProvider({ readers: [reader] });
    const telemetry = {
      tracer: trace.getTracer('test'),
      metrics: new WebSocketMetrics(provider.getMeter('test')),
    };
    const attributes = { 'websocket.library': 'ws', 'websocket.path': '/chat' };
    const connection = new TrackedConnection({
      telemetry,
      attributes,
      parentContext: ROOT_CONTEXT,
      connectionSpan: trace
        .wrapSpanContext({
          traceId: '0af7651916cd43dd8448eb211c80319c',
          spanId: 'b7ad6b7169203331',
          traceFlags: 1,
        })
        .spanContext(),
      unknownEventName: '_OTHER',
    });

    connection.close('client_close');
    connection.close('server_close');

    const points = await pointsOf(reader);
    expect(points.get('websocket.server.active_connections')).toEqual([
      { attributes, value: 0 },
    ]);
    expect(points.get('websocket.server.connection.closed')).toEqual([
      {
        attributes: { ...attributes, 'websocket.close.reason': 'client_close' },
        value: 1,
      },
    ]);
    await provider.shutdown();
  });
});
