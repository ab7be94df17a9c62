import type { EventEmitter } from 'node:events';
import { type TrackedConnection, trackedConnection } from '../connection.js';
import { WS_MESSAGE_EVENT } from '../conventions.js';
import { InboundMessage, runInMessage } from '../inbound-message.js';
import { canObserveListeners, emitObserved } from '../listeners.js';
import type { AnyFunction, MethodPatcher } from '../patching.js';
import { byteLength } from '../sizes.js';
import { closeTrackerOf } from './close-tracker.js';

/** `WebSocket.OPEN`. */
const OPEN = 1;

interface WebSocketLike extends EventEmitter {
  readonly readyState: number;
  /** Set by `ws` 8 once the peer's close frame has arrived. */
  readonly _closeFrameReceived?: boolean;
}

/**
 * Patches the server-side sockets of `ws` 8: `emit` (messages, pongs,
 * errors and the close), `send`, `ping`, `close` and `terminate`. Client
 * sockets and sockets of servers created before the SDK are not tracked
 * and pass through unchanged.
 */
export function patchWebSocket(
  webSocket: AnyFunction,
  patcher: MethodPatcher,
): void {
  const proto = webSocket.prototype;
  patcher.wrap(proto, 'emit', observeEvents);
  patcher.wrap(
    proto,
    'send',
    (original) =>
      function send(this: WebSocketLike, data: unknown, ...rest: unknown[]) {
        const connection = trackedConnection(this);
        if (connection && this.readyState === OPEN) {
          connection.telemetry.metrics.messageSent(
            connection.attributes,
            WS_MESSAGE_EVENT,
            byteLength(data),
          );
        }
        return original.call(this, data, ...rest);
      },
  );
  patcher.wrap(
    proto,
    'ping',
    (original) =>
      function ping(this: WebSocketLike, ...args: unknown[]) {
        if (this.readyState === OPEN) closeTrackerOf(this)?.pingSent();
        return original.apply(this, args);
      },
  );
  patcher.wrap(proto, 'close', (original) => serverClosing(original, false));
  patcher.wrap(proto, 'terminate', (original) => serverClosing(original, true));
}

export function unpatchWebSocket(
  webSocket: AnyFunction,
  patcher: MethodPatcher,
): void {
  for (const name of ['emit', 'send', 'ping', 'close', 'terminate']) {
    patcher.unwrap(webSocket.prototype, name);
  }
}

function observeEvents(original: AnyFunction): AnyFunction {
  return function emit(
    this: WebSocketLike,
    event: unknown,
    ...args: unknown[]
  ) {
    const connection = trackedConnection(this);
    const tracker = closeTrackerOf(this);
    if (!connection || !tracker) return original.call(this, event, ...args);

    if (event === 'message') return receive(this, connection, args, original);
    if (event === 'pong') tracker.pongReceived();
    else if (event === 'error') tracker.errorEmitted();
    else if (event === 'close') connection.close(tracker.reason());
    return original.call(this, event, ...args);
  };
}

/** Opens a message span around the `message` listeners of a socket. */
function receive(
  socket: WebSocketLike,
  connection: TrackedConnection,
  args: unknown[],
  emit: AnyFunction,
): boolean {
  const bytes = byteLength(args[0]);
  const event = connection.defaultEvent;
  if (socket.listenerCount('message') === 0) {
    connection.telemetry.metrics.messageReceived(
      connection.attributes,
      event,
      bytes,
    );
    return emit.call(socket, 'message', ...args) as boolean;
  }

  const message = new InboundMessage({
    connection,
    socket,
    rawEvent: 'message',
    event,
    bytes,
  });
  return runInMessage(message, () => {
    try {
      return canObserveListeners('message')
        ? emitObserved(socket, 'message', args, message)
        : (emit.call(socket, 'message', ...args) as boolean);
    } finally {
      message.endDispatch();
    }
  });
}

/**
 * Records a close the server starts on an open socket. When the peer's
 * close frame arrived first, `ws` calls `close()` itself to reply to it,
 * and that close is the client's.
 */
function serverClosing(
  original: AnyFunction,
  terminating: boolean,
): AnyFunction {
  return function closeOrTerminate(this: WebSocketLike, ...args: unknown[]) {
    if (this.readyState === OPEN && !this._closeFrameReceived) {
      closeTrackerOf(this)?.serverClosing(terminating);
    }
    return original.apply(this, args);
  };
}
