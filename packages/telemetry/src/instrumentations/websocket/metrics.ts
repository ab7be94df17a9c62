import {
  type Attributes,
  type Counter,
  type Histogram,
  type Meter,
  type Tracer,
  type UpDownCounter,
  ValueType,
} from '@opentelemetry/api';
import {
  ATTR_CLOSE_REASON,
  ATTR_DIRECTION,
  ATTR_ERROR_TYPE,
  ATTR_EVENT,
  type CloseReason,
} from './conventions.js';

/** Seconds, from 1 ms to 10 s, for event handlers. */
const HANDLER_BUCKETS = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** Seconds, from 1 s to a day, for connection lifetimes. */
const CONNECTION_BUCKETS = [
  1, 10, 60, 300, 900, 1_800, 3_600, 7_200, 14_400, 28_800, 86_400,
];

/** Bytes, in powers of 4 from 64 B to 16 MiB. */
const SIZE_BUCKETS = [
  64, 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304,
  16_777_216,
];

/**
 * The `websocket.server.*` instruments of one instrumentation. Every method
 * takes the connection's bounded attributes (library and namespace or path)
 * and adds only bounded values to them.
 */
export class WebSocketMetrics {
  private readonly active: UpDownCounter;
  private readonly opened: Counter;
  private readonly closed: Counter;
  private readonly connectionDuration: Histogram;
  private readonly received: Counter;
  private readonly sent: Counter;
  private readonly messageSize: Histogram;
  private readonly handlerDuration: Histogram;

  constructor(meter: Meter) {
    this.active = meter.createUpDownCounter(
      'websocket.server.active_connections',
      {
        description: 'WebSocket connections open now.',
        unit: '{connection}',
        valueType: ValueType.INT,
      },
    );
    this.opened = meter.createCounter('websocket.server.connection.opened', {
      description: 'WebSocket connections accepted.',
      unit: '{connection}',
      valueType: ValueType.INT,
    });
    this.closed = meter.createCounter('websocket.server.connection.closed', {
      description: 'WebSocket connections ended, by close reason.',
      unit: '{connection}',
      valueType: ValueType.INT,
    });
    this.connectionDuration = meter.createHistogram(
      'websocket.server.connection.duration',
      {
        description: 'Lifetime of WebSocket connections, from accept to close.',
        unit: 's',
        advice: { explicitBucketBoundaries: CONNECTION_BUCKETS },
      },
    );
    this.received = meter.createCounter('websocket.server.message.received', {
      description: 'Inbound WebSocket messages, by event.',
      unit: '{message}',
      valueType: ValueType.INT,
    });
    this.sent = meter.createCounter('websocket.server.message.sent', {
      description:
        'Outbound WebSocket messages, by event; a broadcast counts once.',
      unit: '{message}',
      valueType: ValueType.INT,
    });
    this.messageSize = meter.createHistogram('websocket.server.message.size', {
      description:
        'Size of WebSocket messages: the ws payload or the socket.io packet.',
      unit: 'By',
      valueType: ValueType.INT,
      advice: { explicitBucketBoundaries: SIZE_BUCKETS },
    });
    this.handlerDuration = meter.createHistogram(
      'websocket.server.handler.duration',
      {
        description:
          'Time from the arrival of a message until its handlers finished.',
        unit: 's',
        advice: { explicitBucketBoundaries: HANDLER_BUCKETS },
      },
    );
  }

  connectionOpened(connection: Attributes): void {
    this.active.add(1, connection);
    this.opened.add(1, connection);
  }

  connectionClosed(
    connection: Attributes,
    reason: CloseReason,
    seconds: number,
  ): void {
    const attributes = { ...connection, [ATTR_CLOSE_REASON]: reason };
    this.active.add(-1, connection);
    this.closed.add(1, attributes);
    this.connectionDuration.record(seconds, attributes);
  }

  messageReceived(connection: Attributes, event: string, bytes: number): void {
    this.received.add(1, { ...connection, [ATTR_EVENT]: event });
    this.messageSize.record(bytes, {
      ...connection,
      [ATTR_EVENT]: event,
      [ATTR_DIRECTION]: 'receive',
    });
  }

  messageSent(connection: Attributes, event: string, bytes: number): void {
    this.sent.add(1, { ...connection, [ATTR_EVENT]: event });
    this.messageSize.record(bytes, {
      ...connection,
      [ATTR_EVENT]: event,
      [ATTR_DIRECTION]: 'send',
    });
  }

  messageHandled(
    connection: Attributes,
    event: string,
    seconds: number,
    errorType: string | undefined,
  ): void {
    const attributes: Attributes = { ...connection, [ATTR_EVENT]: event };
    if (errorType !== undefined) attributes[ATTR_ERROR_TYPE] = errorType;
    this.handlerDuration.record(seconds, attributes);
  }
}

/** The tracer and instruments of the instrumentation that owns a connection. */
export interface WebSocketTelemetry {
  readonly tracer: Tracer;
  readonly metrics: WebSocketMetrics;
}
