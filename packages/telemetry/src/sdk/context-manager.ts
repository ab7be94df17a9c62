import { EventEmitter } from 'node:events';
import type { Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

const PLAIN_EMIT = EventEmitter.prototype.emit;
const BINDING = Symbol.for('@seda/telemetry.emitter-binding');

interface Binding {
  readonly manager: EmitterBindingContextManager;
  readonly context: Context;
}

type BindableEmitter = EventEmitter & { [BINDING]?: Binding };

/**
 * AsyncLocalStorage context manager that binds an event emitter by
 * replacing only its `emit`, which runs every listener in the bound context.
 * The standard manager replaces eight methods and wraps each listener, a
 * cost on every request and response that the HTTP instrumentation binds.
 * Emitters with an `emit` of their own, such as `EventEmitterAsyncResource`
 * or a socket.io socket, get the standard binding.
 *
 * NOTE: listeners added before the binding also run in the bound context,
 * where the standard manager leaves them in the context of the `emit` call.
 */
export class EmitterBindingContextManager extends AsyncLocalStorageContextManager {
  override bind<T>(context: Context, target: T): T {
    if (target instanceof EventEmitter && isBindable(target)) {
      this.bindEmit(context, target);
      return target;
    }
    return super.bind(context, target);
  }

  /**
   * Binds `emitter` unless this manager already did, so the first binding
   * wins as with the standard manager. Another manager, such as one started
   * after this one stopped, replaces the binding.
   */
  private bindEmit(context: Context, emitter: BindableEmitter): void {
    const previous = emitter[BINDING];
    if (previous?.manager === this) return;
    emitter[BINDING] = { manager: this, context };
    if (!previous) emitter.emit = emitInContext;
  }
}

function isBindable(emitter: BindableEmitter): boolean {
  return emitter.emit === PLAIN_EMIT || emitter[BINDING] !== undefined;
}

function emitInContext(this: BindableEmitter, ...args: Parameters<EventEmitter['emit']>): boolean {
  const binding = this[BINDING];
  // An event without listeners needs no context, but an `error` without
  // listeners throws, in the bound context as before.
  if (!binding || (args[0] !== 'error' && this.listenerCount(args[0]) === 0)) {
    return Reflect.apply(PLAIN_EMIT, this, args) as boolean;
  }
  return binding.manager.with(binding.context, Reflect.apply, undefined, PLAIN_EMIT, this, args) as boolean;
}
