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
 * AsyncLocalStorage context manager whose `bind` of an event emitter
 * replaces only `emit`, which then runs every listener in the bound context.
 * The standard manager replaces eight methods of each emitter and wraps each
 * listener added later, and the HTTP instrumentation binds every request
 * and response. An emitter whose `emit` is not `EventEmitter`'s own, such
 * as an `EventEmitterAsyncResource` or a socket.io socket, where `emit`
 * sends to the peer, gets the standard binding.
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
   * Keeps the first binding of this manager, as the standard manager does.
   * A manager started after this one was stopped binds the emitter again.
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
