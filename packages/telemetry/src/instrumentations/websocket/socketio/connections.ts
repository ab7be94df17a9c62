import {
  type Attributes,
  type Context,
  context,
  createContextKey,
  type Span,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import { TrackedConnection, track, trackedConnection } from '../connection.js';
import { ATTR_TRANSPORT, type CloseReason } from '../conventions.js';
import { failureOf, recordFailure } from '../errors.js';
import type { WebSocketTelemetry } from '../metrics.js';
import type { AnyFunction, MethodPatcher } from '../patching.js';
import { extractHandshakeContext } from '../propagation.js';
import {
  type NamespaceLike,
  namespaceAttributes,
  namespaceLabel,
} from './namespaces.js';

const HANDSHAKE = createContextKey('@seda/telemetry.socket.io.handshake');

/** Dependencies of the connection patches on their instrumentation. */
export interface ConnectionDeps {
  readonly telemetry: WebSocketTelemetry;
  readonly unknownEventName: () => string;
}

interface ClientLike {
  readonly request?: {
    readonly headers?: Record<string, unknown>;
    readonly _query?: Record<string, unknown>;
  };
  readonly conn?: { readonly transport?: { readonly name?: string } };
}

interface SocketLike {
  readonly client: ClientLike;
  readonly connected: boolean;
  readonly handshake?: { readonly auth?: Record<string, unknown> };
}

/**
 * socket.io's disconnect reasons (4.x) and what they mean here. A
 * `transport close` is the client going away without a socket.io
 * disconnect packet, as a closed browser tab or a killed process does.
 */
const CLOSE_REASONS: Readonly<Record<string, CloseReason>> = {
  'client namespace disconnect': 'client_close',
  'transport close': 'client_close',
  'transport error': 'transport_error',
  'parse error': 'transport_error',
  'ping timeout': 'ping_timeout',
  'server namespace disconnect': 'server_close',
  'forced close': 'server_close',
  'forced server close': 'server_close',
  'server shutting down': 'server_shutdown',
};

export function closeReasonOf(reason: unknown): CloseReason {
  return (typeof reason === 'string' && CLOSE_REASONS[reason]) || 'other';
}

/**
 * The `connect` span of one socket joining a namespace, from the join
 * request through the namespace middlewares to the `connection` listeners.
 */
class Handshake {
  readonly context: Context;
  private readonly parentContext: Context;
  private readonly span: Span;
  private accepted = false;
  private ended = false;

  constructor(
    private readonly deps: ConnectionDeps,
    nsp: NamespaceLike,
    client: ClientLike,
    auth: Record<string, unknown> | undefined,
  ) {
    const request = client.request;
    this.parentContext = extractHandshakeContext([
      request?.headers,
      auth,
      request?._query,
    ]);
    const attributes: Attributes = { ...namespaceAttributes(nsp) };
    const transport = client.conn?.transport?.name;
    if (transport) attributes[ATTR_TRANSPORT] = transport;
    this.span = deps.telemetry.tracer.startSpan(
      `connect ${namespaceLabel(nsp)}`,
      { kind: SpanKind.SERVER, attributes },
      this.parentContext,
    );
    this.context = trace
      .setSpan(this.parentContext, this.span)
      .setValue(HANDSHAKE, this);
  }

  accept(socket: SocketLike, nsp: NamespaceLike): void {
    this.accepted = true;
    const connection = new TrackedConnection({
      telemetry: this.deps.telemetry,
      attributes: namespaceAttributes(nsp),
      parentContext: this.parentContext,
      connectionSpan: this.span.spanContext(),
      unknownEventName: this.deps.unknownEventName(),
    });
    track(socket, connection);
  }

  /** Ends the span of a handshake that a middleware rejected or the client left. */
  settleUnaccepted(error: unknown): void {
    if (this.accepted) return;
    if (error) this.fail(error);
    this.end();
  }

  fail(error: unknown): void {
    if (!this.ended) recordFailure(this.span, failureOf(error));
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.span.end();
  }
}

function activeHandshake(): Handshake | undefined {
  return context.active().getValue(HANDSHAKE) as Handshake | undefined;
}

/**
 * Patches the namespace join of socket.io 4: `_add` (start of a join),
 * `run` (the namespace middlewares, to end the span of a rejected join)
 * and `_doConnect` (accepted, `connection` listeners called).
 */
export function patchNamespace(
  namespace: AnyFunction,
  patcher: MethodPatcher,
  deps: ConnectionDeps,
): void {
  const proto = namespace.prototype;
  patcher.wrap(
    proto,
    '_add',
    (original) =>
      function _add(
        this: NamespaceLike,
        client: ClientLike,
        auth: Record<string, unknown>,
        fn: unknown,
      ) {
        const handshake = new Handshake(deps, this, client, auth);
        const joined = context.with(handshake.context, () =>
          original.call(this, client, auth, fn),
        );
        return failOnRejection(joined, handshake);
      },
  );
  patcher.wrap(
    proto,
    'run',
    (original) =>
      function run(
        this: NamespaceLike,
        socket: SocketLike,
        fn: (error?: unknown) => void,
      ) {
        const handshake = activeHandshake();
        if (!handshake) return original.call(this, socket, fn);

        return original.call(this, socket, (error?: unknown) => {
          fn(error);
          // Queued after the tick in which socket.io accepts or rejects.
          process.nextTick(() => handshake.settleUnaccepted(error));
        });
      },
  );
  patcher.wrap(
    proto,
    '_doConnect',
    (original) =>
      function _doConnect(
        this: NamespaceLike,
        socket: SocketLike,
        fn: unknown,
      ) {
        const handshake =
          activeHandshake() ??
          new Handshake(deps, this, socket.client, socket.handshake?.auth);
        handshake.accept(socket, this);
        return context.with(handshake.context, () => {
          try {
            return original.call(this, socket, fn);
          } catch (error) {
            handshake.fail(error);
            throw error;
          } finally {
            handshake.end();
          }
        });
      },
  );
}

export function unpatchNamespace(
  namespace: AnyFunction,
  patcher: MethodPatcher,
): void {
  for (const name of ['_add', 'run', '_doConnect']) {
    patcher.unwrap(namespace.prototype, name);
  }
}

/** Patches `Socket.prototype._onclose`, which every disconnect path ends in. */
export function patchSocketClose(
  socket: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.wrap(
    socket.prototype,
    '_onclose',
    (original) =>
      function _onclose(this: SocketLike, reason: unknown, ...rest: unknown[]) {
        if (this.connected) {
          trackedConnection(this)?.close(closeReasonOf(reason));
        }
        return original.call(this, reason, ...rest);
      },
  );
}

export function unpatchSocketClose(
  socket: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.unwrap(socket.prototype, '_onclose');
}

/**
 * Ends the span when the join itself fails. The rejection is raised again
 * on the returned promise, which socket.io leaves unhandled as it did the
 * original.
 */
function failOnRejection(joined: unknown, handshake: Handshake): unknown {
  if (!(joined instanceof Promise)) return joined;
  return joined.catch((error: unknown) => {
    handshake.fail(error);
    handshake.end();
    throw error;
  });
}
