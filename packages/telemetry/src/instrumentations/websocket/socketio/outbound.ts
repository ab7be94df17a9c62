import { context, SpanKind, trace } from '@opentelemetry/api';
import type { BoundedNames } from '../bounded-names.js';
import { trackedConnection } from '../connection.js';
import { ATTR_EVENT, ATTR_RECIPIENTS, ATTR_ROOMS } from '../conventions.js';
import { failureOf, recordFailure } from '../errors.js';
import { activeInboundMessage } from '../inbound-message.js';
import type { WebSocketTelemetry } from '../metrics.js';
import type { AnyFunction, MethodPatcher } from '../patching.js';
import { byteLength } from '../sizes.js';
import { type NamespaceLike, namespaceAttributes } from './namespaces.js';

/** Dependencies of the outbound patches on their instrumentation. */
export interface OutboundDeps {
  readonly telemetry: WebSocketTelemetry;
  readonly eventNames: BoundedNames;
}

interface BroadcastOperatorLike {
  readonly adapter?: { readonly nsp?: NamespaceLike };
  readonly rooms?: ReadonlySet<unknown>;
}

interface WritingClientLike {
  readonly conn?: { readonly transport?: { readonly writable?: boolean } };
}

/** The packets one emit call writes to connections, counted while it runs. */
class EmitWrites {
  count = 0;
  bytes = 0;
}

/**
 * The emit call running now. Both socket.io's per-socket emit and its
 * in-memory adapter's broadcast encode once and write to every local
 * connection synchronously, before the emit call returns.
 */
let currentEmit: EmitWrites | undefined;

function trackWrites<T>(writes: EmitWrites, emit: () => T): T {
  const previous = currentEmit;
  currentEmit = writes;
  try {
    return emit();
  } finally {
    currentEmit = previous;
  }
}

/**
 * Patches `Client.prototype.writeToEngine`, where every encoded packet of
 * an emit reaches a connection, to count the connections an emit reached
 * and the size of what it wrote.
 */
export function patchClientOutbound(
  client: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.wrap(
    client.prototype,
    'writeToEngine',
    (original) =>
      function writeToEngine(
        this: WritingClientLike,
        packets: unknown,
        opts?: { volatile?: boolean },
      ) {
        const writes = currentEmit;
        // socket.io drops a volatile packet when the transport is busy.
        const dropped =
          opts?.volatile === true && this.conn?.transport?.writable === false;
        if (writes && !dropped) {
          if (writes.count === 0) writes.bytes = byteLength(packets);
          writes.count += 1;
        }
        return original.call(this, packets, opts);
      },
  );
}

export function unpatchClientOutbound(
  client: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.unwrap(client.prototype, 'writeToEngine');
}

/** Patches `Socket.prototype.emit` to count messages sent to one socket. */
export function patchSocketOutbound(
  socket: AnyFunction,
  patcher: MethodPatcher,
  deps: OutboundDeps,
): void {
  patcher.wrap(
    socket.prototype,
    'emit',
    (original) =>
      function emit(this: object, event: unknown, ...args: unknown[]) {
        const connection = trackedConnection(this);
        if (!connection) return original.call(this, event, ...args);

        const writes = new EmitWrites();
        try {
          return trackWrites(writes, () => original.call(this, event, ...args));
        } finally {
          if (writes.count > 0) {
            const name = deps.eventNames.bound(String(event));
            deps.telemetry.metrics.messageSent(
              connection.attributes,
              name,
              writes.bytes,
            );
          }
        }
      },
  );
}

export function unpatchSocketOutbound(
  socket: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.unwrap(socket.prototype, 'emit');
}

/**
 * Patches `BroadcastOperator.prototype.emit`, behind `io.emit`,
 * `io.to(room).emit`, `socket.to(room).emit` and `socket.broadcast.emit`,
 * with a PRODUCER span and the sent metrics. A broadcast counts as one
 * message whatever the number of recipients, and only when it reached at
 * least one connection of this process.
 */
export function patchBroadcastOperator(
  operator: AnyFunction,
  patcher: MethodPatcher,
  deps: OutboundDeps,
): void {
  patcher.wrap(
    operator.prototype,
    'emit',
    (original) =>
      function emit(
        this: BroadcastOperatorLike,
        event: unknown,
        ...args: unknown[]
      ) {
        const nsp = this.adapter?.nsp;
        if (!nsp) return original.call(this, event, ...args);

        return traceBroadcast(deps, nsp, this, String(event), () =>
          original.call(this, event, ...args),
        );
      },
  );
}

export function unpatchBroadcastOperator(
  operator: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.unwrap(operator.prototype, 'emit');
}

function traceBroadcast<T>(
  deps: OutboundDeps,
  nsp: NamespaceLike,
  operator: BroadcastOperatorLike,
  event: string,
  emit: () => T,
): T {
  const name = deps.eventNames.bound(event);
  const attributes = namespaceAttributes(nsp);
  const rooms = publicRooms(operator.rooms, nsp);
  activeInboundMessage()?.addRooms(rooms);

  const span = deps.telemetry.tracer.startSpan(`emit ${name}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      ...attributes,
      [ATTR_EVENT]: name,
      ...(rooms.length > 0 ? { [ATTR_ROOMS]: rooms } : {}),
    },
  });
  const writes = new EmitWrites();
  try {
    const spanContext = trace.setSpan(context.active(), span);
    return context.with(spanContext, () => trackWrites(writes, emit));
  } catch (error) {
    recordFailure(span, failureOf(error));
    throw error;
  } finally {
    span.setAttribute(ATTR_RECIPIENTS, writes.count);
    span.end();
    if (writes.count > 0) {
      deps.telemetry.metrics.messageSent(attributes, name, writes.bytes);
    }
  }
}

/**
 * Rooms of an emit, without those that are a connected socket's id: a
 * socket's own room addresses one client and names it.
 * NOTE: only sockets of this process are known, so the id of a socket
 * connected to another node of a cluster adapter stays in the list.
 */
function publicRooms(
  rooms: ReadonlySet<unknown> | undefined,
  nsp: NamespaceLike,
): string[] {
  const names: string[] = [];
  for (const room of rooms ?? []) {
    if (typeof room === 'string' && !nsp.sockets?.has(room)) names.push(room);
  }
  return names;
}
