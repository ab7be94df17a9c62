import {
  type Context,
  context,
  createContextKey,
  type Span,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import type { TrackedConnection } from './connection.js';
import { ATTR_EVENT, ATTR_MESSAGE_SIZE, ATTR_ROOMS } from './conventions.js';
import { type Failure, failureOf, recordFailure } from './errors.js';

const INBOUND_MESSAGE = createContextKey(
  '@seda/telemetry.websocket.inbound-message',
);

/**
 * How long a message span waits, once its handlers have finished, for an
 * acknowledgement the client asked for. A handler that never acknowledges
 * gets its span ended at the time its work finished.
 * NOTE: callback-style handlers that acknowledge later than this are
 * measured up to their return only.
 */
const ACK_WAIT_MILLIS = 10_000;

export interface InboundMessageInit {
  readonly connection: TrackedConnection;
  /** The library's socket object the message arrived on. */
  readonly socket: object;
  /** The event as the library dispatches it, before bounding. */
  readonly rawEvent: unknown;
  readonly event: string;
  readonly bytes: number;
}

/** Returns the inbound message whose handlers run in the active context. */
export function activeInboundMessage(
  active: Context = context.active(),
): InboundMessage | undefined {
  return active.getValue(INBOUND_MESSAGE) as InboundMessage | undefined;
}

/**
 * The span and metrics of one inbound event or message. Holds keep it open:
 * the dispatch to the listeners, a promise a listener returned, a NestJS
 * handler still running. Once all are released, and the acknowledgement is
 * sent when the client requested one, the span ends and the received and
 * handler metrics are recorded.
 */
export class InboundMessage {
  /** The parent context with the span and this message set, for the handlers. */
  readonly context: Context;
  private readonly connection: TrackedConnection;
  private readonly socket: object;
  private readonly rawEvent: unknown;
  private readonly bytes: number;
  private readonly span: Span;
  private readonly startedAt = performance.now();
  private readonly releaseDispatch: () => void;
  private event: string;
  private pending = 0;
  private dispatched = false;
  private ackPending = false;
  private ackTimer: NodeJS.Timeout | undefined;
  private errorType: string | undefined;
  private rooms: Set<string> | undefined;
  private finished = false;

  constructor(init: InboundMessageInit) {
    this.connection = init.connection;
    this.socket = init.socket;
    this.rawEvent = init.rawEvent;
    this.event = init.event;
    this.bytes = init.bytes;

    const parent = init.connection.parentContext;
    this.span = init.connection.telemetry.tracer.startSpan(
      `receive ${init.event}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          ...init.connection.attributes,
          [ATTR_EVENT]: init.event,
          [ATTR_MESSAGE_SIZE]: init.bytes,
        },
        links: [{ context: init.connection.connectionSpan }],
      },
      parent,
    );
    this.context = trace
      .setSpan(parent, this.span)
      .setValue(INBOUND_MESSAGE, this);
    this.releaseDispatch = this.hold();
  }

  belongsTo(socket: unknown): boolean {
    return socket === this.socket;
  }

  /**
   * Returns `true` once, for the call that hands this message's event to
   * the listeners of its socket.
   */
  claimDispatch(socket: unknown, event: unknown): boolean {
    if (this.dispatched || socket !== this.socket || event !== this.rawEvent) {
      return false;
    }
    this.dispatched = true;
    return true;
  }

  /** Ends the dispatch: the listeners returned, or the library dropped the event. */
  endDispatch(): void {
    this.releaseDispatch();
  }

  /** Keeps the message open until the returned function is called. */
  hold(): () => void {
    if (this.finished) return () => {};

    this.pending += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.pending -= 1;
      this.settle();
    };
  }

  expectAck(): void {
    this.ackPending = true;
  }

  /** Records an acknowledgement with its arguments, failing on an error. */
  acknowledge(failure: Failure | undefined): void {
    if (failure) this.record(failure);
    this.ackPending = false;
    this.settle();
  }

  /** Records the first error a handler threw, rejected with or acknowledged. */
  fail(error: unknown): void {
    this.record(failureOf(error));
  }

  /** Names the message after the handler that claimed it. */
  rename(event: string): void {
    if (this.finished || event === this.event) return;
    this.event = event;
    this.span.updateName(`receive ${event}`);
    this.span.setAttribute(ATTR_EVENT, event);
  }

  addRooms(rooms: Iterable<string>): void {
    if (this.finished) return;
    for (const room of rooms) (this.rooms ??= new Set()).add(room);
  }

  private record(failure: Failure): void {
    if (this.finished || this.errorType !== undefined) return;
    this.errorType = failure.type;
    recordFailure(this.span, failure);
  }

  private settle(): void {
    if (this.finished || this.pending > 0) return;
    if (!this.ackPending || this.errorType !== undefined) {
      this.finish();
    } else if (!this.ackTimer) {
      const workEndedAt = performance.now();
      this.ackTimer = setTimeout(
        () => this.finish(workEndedAt),
        ACK_WAIT_MILLIS,
      );
      this.ackTimer.unref();
    }
  }

  /**
   * Ends the span at `endedAt`, a `performance.now()` reading, which the
   * SDK converts with the span's own clock offset.
   */
  private finish(endedAt = performance.now()): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.ackTimer);

    if (this.rooms) this.span.setAttribute(ATTR_ROOMS, [...this.rooms]);
    this.span.end(endedAt);
    const { metrics } = this.connection.telemetry;
    const attributes = this.connection.attributes;
    metrics.messageReceived(attributes, this.event, this.bytes);
    const seconds = (endedAt - this.startedAt) / 1000;
    metrics.messageHandled(attributes, this.event, seconds, this.errorType);
  }
}

/** Runs `work` with `message` and its span active. */
export function runInMessage<T>(message: InboundMessage, work: () => T): T {
  return context.with(message.context, work);
}
