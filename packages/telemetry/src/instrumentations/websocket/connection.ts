import type { Attributes, Context, SpanContext } from '@opentelemetry/api';
import { type CloseReason, WS_MESSAGE_EVENT } from './conventions.js';
import type { WebSocketTelemetry } from './metrics.js';

const TRACKED = Symbol('@seda/telemetry.websocket.connection');

export interface ConnectionInit {
  readonly telemetry: WebSocketTelemetry;
  /** Library and namespace or configured path: bounded, for metrics and spans. */
  readonly attributes: Attributes;
  /** Context extracted from the handshake: the remote parent and baggage, if sent. */
  readonly parentContext: Context;
  readonly connectionSpan: SpanContext;
  readonly unknownEventName: string;
}

/**
 * One accepted connection of a socket.io namespace or a `ws` server. It
 * counts itself open when created and closed once, whichever of the
 * library's close paths reports it first.
 */
export class TrackedConnection {
  readonly telemetry: WebSocketTelemetry;
  readonly attributes: Attributes;
  readonly parentContext: Context;
  readonly connectionSpan: SpanContext;
  readonly unknownEventName: string;
  private readonly openedAt = performance.now();
  private closed = false;
  /** Set when NestJS's `WsAdapter` dispatches this socket's messages by event. */
  private dispatchedByEvent = false;

  constructor(init: ConnectionInit) {
    this.telemetry = init.telemetry;
    this.attributes = init.attributes;
    this.parentContext = init.parentContext;
    this.connectionSpan = init.connectionSpan;
    this.unknownEventName = init.unknownEventName;
    this.telemetry.metrics.connectionOpened(this.attributes);
  }

  /**
   * `websocket.event` of a message before a handler claims it: the unknown
   * event name when messages are dispatched by event, else `message`.
   */
  get defaultEvent(): string {
    return this.dispatchedByEvent ? this.unknownEventName : WS_MESSAGE_EVENT;
  }

  /** Records that each message names its event, as NestJS's `WsAdapter` reads it. */
  dispatchByEvent(): void {
    this.dispatchedByEvent = true;
  }

  /** Records the close once; later calls change nothing. */
  close(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;

    const seconds = (performance.now() - this.openedAt) / 1000;
    this.telemetry.metrics.connectionClosed(this.attributes, reason, seconds);
  }
}

/** Attaches `connection` to the library's socket object. */
export function track(socket: object, connection: TrackedConnection): void {
  Object.defineProperty(socket, TRACKED, {
    value: connection,
    configurable: true,
  });
}

export function trackedConnection(
  socket: unknown,
): TrackedConnection | undefined {
  if (typeof socket !== 'object' || socket === null) return undefined;
  return (socket as { [TRACKED]?: TrackedConnection })[TRACKED];
}
