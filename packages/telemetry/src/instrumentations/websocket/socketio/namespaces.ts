import type { Attributes } from '@opentelemetry/api';
import { ATTR_LIBRARY, ATTR_NAMESPACE } from '../conventions.js';
import type { EngineRequestFilter } from '../engine-requests.js';
import type { AnyFunction, MethodPatcher } from '../patching.js';

const LABEL = Symbol('@seda/telemetry.socket.io.namespace-label');

/** `websocket.namespace` of the namespaces a function creates on demand. */
const FUNCTION_NAMESPACE = 'dynamic';

/** A socket.io `Namespace`, as far as the instrumentation reads it. */
export interface NamespaceLike {
  readonly name: string;
  readonly sockets?: ReadonlyMap<string, unknown>;
  [LABEL]?: string;
}

const attributesByNamespace = new WeakMap<object, Attributes>();

/**
 * Returns the bounded attributes of a namespace. A child of a dynamic
 * namespace (`io.of(/^\/room-\d+$/)`) is labelled with its parent's pattern,
 * so that one metric series covers every room namespace.
 */
export function namespaceAttributes(nsp: NamespaceLike): Attributes {
  let attributes = attributesByNamespace.get(nsp);
  if (!attributes) {
    attributes = Object.freeze({
      [ATTR_LIBRARY]: 'socket.io',
      [ATTR_NAMESPACE]: nsp[LABEL] ?? nsp.name,
    });
    attributesByNamespace.set(nsp, attributes);
  }
  return attributes;
}

export function namespaceLabel(nsp: NamespaceLike): string {
  return String(namespaceAttributes(nsp)[ATTR_NAMESPACE]);
}

/**
 * Patches `Server.prototype.of`, to label dynamic namespaces, and
 * `Server.prototype.attach`, to learn the engine's HTTP path when
 * `engineRequests` is given.
 */
export function patchServer(
  server: AnyFunction,
  patcher: MethodPatcher,
  engineRequests: EngineRequestFilter | undefined,
): void {
  patcher.wrap(server.prototype, 'of', labelDynamicNamespaces);
  if (engineRequests) {
    patcher.wrap(server.prototype, 'attach', (original) =>
      recordEnginePath(original, engineRequests),
    );
  }
}

export function unpatchServer(
  server: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.unwrap(server.prototype, 'of');
  patcher.unwrap(server.prototype, 'attach');
}

/** Patches `ParentNamespace.prototype.createChild` to label children. */
export function patchParentNamespace(
  parent: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.wrap(
    parent.prototype,
    'createChild',
    (original) =>
      function createChild(this: NamespaceLike, ...args: unknown[]) {
        const child = original.apply(this, args) as NamespaceLike;
        child[LABEL] = this[LABEL] ?? FUNCTION_NAMESPACE;
        return child;
      },
  );
}

export function unpatchParentNamespace(
  parent: AnyFunction,
  patcher: MethodPatcher,
): void {
  patcher.unwrap(parent.prototype, 'createChild');
}

function labelDynamicNamespaces(original: AnyFunction): AnyFunction {
  return function of(this: unknown, name: unknown, ...rest: unknown[]) {
    const nsp = original.call(this, name, ...rest) as NamespaceLike;
    if (name instanceof RegExp) nsp[LABEL] = String(name);
    else if (typeof name === 'function') nsp[LABEL] = FUNCTION_NAMESPACE;
    return nsp;
  };
}

function recordEnginePath(
  original: AnyFunction,
  engineRequests: EngineRequestFilter,
): AnyFunction {
  return function attach(
    this: { _path?: unknown },
    srv: unknown,
    opts?: { path?: unknown },
  ) {
    // The call fills `opts.path` in when the caller passed options.
    const result = original.call(this, srv, opts);
    const path = opts?.path || this._path;
    if (typeof path === 'string') engineRequests.add(path);
    return result;
  };
}
