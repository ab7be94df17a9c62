import type { EventEmitter } from 'node:events';
import { trackedConnection } from '../connection.js';
import { ackFailureOf } from '../errors.js';
import {
  activeInboundMessage,
  InboundMessage,
  runInMessage,
} from '../inbound-message.js';
import { canObserveListeners, emitObserved } from '../listeners.js';
import type { AnyFunction, MethodPatcher } from '../patching.js';
import { byteLength } from '../sizes.js';

const PENDING_BYTES = Symbol('@seda/telemetry.socket.io.pending-bytes');
const PACKET_BYTES = Symbol('@seda/telemetry.socket.io.packet-bytes');

interface ClientLike {
  [PENDING_BYTES]?: number;
}

interface PacketLike {
  readonly id?: number;
  readonly data?: readonly unknown[];
  [PACKET_BYTES]?: number;
}

interface SocketLike extends EventEmitter {
  readonly id: string;
  listenersAny(): readonly unknown[];
}

/**
 * Patches `Client.prototype.ondata` and `ondecoded` to measure each packet
 * as received. `ondata` receives every engine message (a packet's text,
 * then each binary attachment), and `ondecoded` runs synchronously once a
 * packet is complete. The size is that of the socket.io encoding, event
 * name and namespace included.
 */
export function patchClientInbound(
  client: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.wrap(
    client.prototype,
    'ondata',
    (original) =>
      function ondata(this: ClientLike, data: unknown) {
        this[PENDING_BYTES] = (this[PENDING_BYTES] ?? 0) + byteLength(data);
        return original.call(this, data);
      },
  );
  patcher.wrap(
    client.prototype,
    'ondecoded',
    (original) =>
      function ondecoded(this: ClientLike, packet: PacketLike) {
        if (typeof packet === 'object' && packet !== null) {
          packet[PACKET_BYTES] = this[PENDING_BYTES] ?? 0;
        }
        this[PENDING_BYTES] = 0;
        return original.call(this, packet);
      },
  );
}

export function unpatchClientInbound(
  client: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.unwrap(client.prototype, 'ondata');
  patcher.unwrap(client.prototype, 'ondecoded');
}

/**
 * Patches the per-event path of a server-side socket in socket.io 4:
 * - `onevent`, called for every EVENT packet however listeners were added;
 * - `ack`, which creates the acknowledgement callback of the listeners;
 * - `run`, the socket middlewares, after which the event is dispatched or
 *   dropped;
 * - `join`, for the rooms on the message span.
 */
export function patchSocketInbound(
  socket: AnyFunction,
  patcher: MethodPatcher,
): void {
  const proto = socket.prototype;
  patcher.wrap(proto, 'onevent', traceEvent);
  patcher.wrap(
    proto,
    'ack',
    (original) =>
      function ack(this: SocketLike, id: number) {
        const send = original.call(this, id) as AnyFunction;
        const message = activeInboundMessage();
        if (!message?.belongsTo(this)) return send;

        message.expectAck();
        return function acknowledge(this: unknown, ...args: unknown[]) {
          const result = send.apply(this, args);
          message.acknowledge(ackFailureOf(args[0]));
          return result;
        };
      },
  );
  patcher.wrap(
    proto,
    'run',
    (original) =>
      function run(
        this: SocketLike,
        event: unknown,
        fn: (error?: unknown) => void,
      ) {
        const message = activeInboundMessage();
        if (!message?.belongsTo(this)) return original.call(this, event, fn);

        return original.call(this, event, (error?: unknown) => {
          if (error) message.fail(error);
          fn(error);
          // Queued after socket.io's own tick, which dispatches the event or
          // drops it (middleware error, socket already disconnected).
          process.nextTick(() => message.endDispatch());
        });
      },
  );
  patcher.wrap(
    proto,
    'join',
    (original) =>
      function join(this: SocketLike, rooms: unknown) {
        const message = activeInboundMessage();
        if (message?.belongsTo(this)) {
          const joined = Array.isArray(rooms) ? rooms : [rooms];
          message.addRooms(
            joined.filter(
              (room): room is string =>
                typeof room === 'string' && room !== this.id,
            ),
          );
        }
        return original.call(this, rooms);
      },
  );
}

export function unpatchSocketInbound(
  socket: AnyFunction,
  patcher: MethodPatcher,
): void {
  for (const name of ['onevent', 'ack', 'run', 'join']) {
    patcher.unwrap(socket.prototype, name);
  }
}

/**
 * Patches `StrictEventEmitter.prototype.emitUntyped`, through which a
 * socket dispatches an inbound event to its listeners, so that each
 * listener's result is observed. Calls for anything other than the active
 * message's event go to the original unchanged.
 */
export function patchEmitter(
  emitter: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.wrap(
    emitter.prototype,
    'emitUntyped',
    (original) =>
      function emitUntyped(
        this: EventEmitter,
        event: string,
        ...args: unknown[]
      ) {
        const message = activeInboundMessage();
        if (!message?.claimDispatch(this, event)) {
          return original.call(this, event, ...args);
        }

        try {
          return canObserveListeners(event)
            ? emitObserved(this, event, args, message)
            : original.call(this, event, ...args);
        } finally {
          message.endDispatch();
        }
      },
  );
}

export function unpatchEmitter(
  emitter: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.unwrap(emitter.prototype, 'emitUntyped');
}

/**
 * Opens a message for an event with a listener on the socket, or for any
 * event when `onAny` listeners exist, and runs socket.io's dispatch in its
 * context. An event without listeners is only counted, under the unknown
 * event name.
 */
function traceEvent(original: AnyFunction): AnyFunction {
  return function onevent(this: SocketLike, packet: PacketLike) {
    const connection = trackedConnection(this);
    if (!connection) return original.call(this, packet);

    const rawEvent = packet.data?.[0];
    const bytes = packet[PACKET_BYTES] ?? 0;
    const declared =
      (typeof rawEvent === 'string' || typeof rawEvent === 'number') &&
      this.listenerCount(String(rawEvent)) > 0;
    const event = declared ? String(rawEvent) : connection.unknownEventName;
    if (!declared && this.listenersAny().length === 0) {
      connection.telemetry.metrics.messageReceived(
        connection.attributes,
        event,
        bytes,
      );
      return original.call(this, packet);
    }

    const message = new InboundMessage({
      connection,
      socket: this,
      rawEvent,
      event,
      bytes,
    });
    return runInMessage(message, () => original.call(this, packet));
  };
}
