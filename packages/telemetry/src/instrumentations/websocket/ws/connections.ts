import type { IncomingMessage } from 'node:http';
import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import { TrackedConnection, track } from '../connection.js';
import { ATTR_LIBRARY, ATTR_PATH, ATTR_URL_PATH } from '../conventions.js';
import { failureOf, recordFailure } from '../errors.js';
import type { WebSocketTelemetry } from '../metrics.js';
import type { AnyFunction, MethodPatcher } from '../patching.js';
import { extractHandshakeContext } from '../propagation.js';
import { markShuttingDown, trackClose } from './close-tracker.js';

/**
 * `websocket.path` of a server created without a `path`, which accepts
 * every path: the request paths would make the series unbounded.
 */
const ANY_PATH = '*';

/** Dependencies of the connection patches on their instrumentation. */
export interface WsConnectionDeps {
  readonly telemetry: WebSocketTelemetry;
  readonly unknownEventName: () => string;
}

interface ServerLike {
  /** Set by NestJS's `WsAdapter` on the servers it routes upgrades to. */
  readonly path?: unknown;
  readonly options?: { readonly path?: unknown };
}

/**
 * Patches `WebSocketServer.prototype.handleUpgrade`, through which every
 * upgrade passes whether the server owns its HTTP server or the
 * application routes upgrades itself (`noServer`, NestJS's `WsAdapter`),
 * and `close`, to tell a shutdown from other server-side closes.
 */
export function patchServer(
  server: AnyFunction,
  patcher: MethodPatcher,
  deps: WsConnectionDeps,
): void {
  patcher.wrap(
    server.prototype,
    'handleUpgrade',
    (original) =>
      function handleUpgrade(
        this: ServerLike,
        request: IncomingMessage,
        socket: unknown,
        head: unknown,
        callback: unknown,
      ) {
        const url = requestUrl(request);
        if (typeof callback !== 'function' || !url || isEngineIoRequest(url)) {
          return original.call(this, request, socket, head, callback);
        }
        const upgrade = {
          server: this,
          request,
          url,
          startedAt: performance.now(),
        };
        const accept = acceptor(deps, upgrade, callback as AnyFunction);
        return original.call(this, request, socket, head, accept);
      },
  );
  patcher.wrap(
    server.prototype,
    'close',
    (original) =>
      function close(this: object, ...args: unknown[]) {
        markShuttingDown(this);
        return original.apply(this, args);
      },
  );
}

export function unpatchServer(
  server: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.unwrap(server.prototype, 'handleUpgrade');
  patcher.unwrap(server.prototype, 'close');
}

/** An upgrade request on its way to being accepted. */
interface Upgrade {
  readonly server: ServerLike;
  readonly request: IncomingMessage;
  readonly url: URL;
  /** `performance.now()` when the upgrade request reached the server. */
  readonly startedAt: number;
}

/**
 * Returns the upgrade callback that tracks the accepted socket and runs the
 * application's callback in the `connect` span.
 */
function acceptor(
  deps: WsConnectionDeps,
  upgrade: Upgrade,
  callback: AnyFunction,
): AnyFunction {
  return function accepted(this: unknown, ws: object, ...rest: unknown[]) {
    const { span, parentContext } = openConnection(deps, upgrade, ws);
    return context.with(trace.setSpan(parentContext, span), () => {
      try {
        return callback.call(this, ws, ...rest);
      } catch (error) {
        recordFailure(span, failureOf(error));
        throw error;
      } finally {
        // A span with an explicit start time needs an end time on the same clock.
        span.end(performance.now());
      }
    });
  };
}

/**
 * Starts the `connect` span at the upgrade request and tracks `ws` as an
 * open connection of the server.
 */
function openConnection(
  deps: WsConnectionDeps,
  upgrade: Upgrade,
  ws: object,
): { span: Span; parentContext: Context } {
  const attributes: Attributes = Object.freeze({
    [ATTR_LIBRARY]: 'ws',
    [ATTR_PATH]: configuredPath(upgrade.server),
  });
  const parentContext = extractHandshakeContext([
    upgrade.request.headers,
    Object.fromEntries(upgrade.url.searchParams),
  ]);
  const span = deps.telemetry.tracer.startSpan(
    `connect ${attributes[ATTR_PATH]}`,
    {
      kind: SpanKind.SERVER,
      startTime: upgrade.startedAt,
      attributes: { ...attributes, [ATTR_URL_PATH]: upgrade.url.pathname },
    },
    parentContext,
  );

  const connection = new TrackedConnection({
    telemetry: deps.telemetry,
    attributes,
    parentContext,
    connectionSpan: span.spanContext(),
    unknownEventName: deps.unknownEventName(),
  });
  track(ws, connection);
  trackClose(ws, upgrade.server);
  return { span, parentContext };
}

function configuredPath(server: ServerLike): string {
  if (typeof server.path === 'string') return server.path;
  if (typeof server.options?.path === 'string') return server.options.path;
  return ANY_PATH;
}

function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/**
 * Engine.IO, under socket.io, runs its WebSocket transport on a `ws`
 * server; those connections are socket.io's to count. `EIO`, the protocol
 * version, is on every Engine.IO request.
 */
function isEngineIoRequest(url: URL): boolean {
  return url.searchParams.has('EIO');
}
