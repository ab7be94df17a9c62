import { EventEmitter } from 'node:events';
import type { InboundMessage } from './inbound-message.js';

/**
 * Returns whether the listeners of `event` can be called one by one in
 * place of `emit()`. An emitter with `captureRejections` turns listener
 * rejections into `error` events, and an `error` event without listeners
 * throws; both stay with Node.js's own `emit()`.
 */
export function canObserveListeners(event: unknown): boolean {
  return event !== 'error' && !EventEmitter.captureRejections;
}

/**
 * Calls the listeners of `event` in order, as `EventEmitter.prototype.emit`
 * does, but keeps what each returns, so that a returned promise keeps
 * `message` open until it settles. A listener that throws fails the
 * message and the error propagates, as it would from `emit()`. A rejection
 * fails the message and is raised again on a derived promise, so that an
 * unhandled rejection still reaches `unhandledRejection`, as it would
 * without this SDK.
 */
export function emitObserved(
  emitter: EventEmitter,
  event: string | symbol,
  args: readonly unknown[],
  message: InboundMessage,
): boolean {
  const listeners = emitter.rawListeners(event);
  for (const listener of listeners) {
    let result: unknown;
    try {
      result = Reflect.apply(listener, emitter, args);
    } catch (error) {
      message.fail(error);
      throw error;
    }
    if (isPromiseLike(result)) holdUntilSettled(result, message);
  }
  return listeners.length > 0;
}

function holdUntilSettled(
  result: PromiseLike<unknown>,
  message: InboundMessage,
): void {
  const release = message.hold();
  void result.then(release, (error: unknown) => {
    message.fail(error);
    release();
    throw error;
  });
}

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
