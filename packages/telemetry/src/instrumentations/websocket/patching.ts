import type { DiagLogger } from '@opentelemetry/api';

/** A patched method: its signature belongs to the library. */
export type AnyFunction = (this: any, ...args: any[]) => any;

/** Wraps and unwraps methods through the owning instrumentation's shimmer. */
export interface MethodPatcher {
  wrap(
    target: object,
    name: string,
    wrapper: (original: AnyFunction) => AnyFunction,
  ): void;
  unwrap(target: object, name: string): void;
}

/** The `_wrap` and `_unwrap` of `InstrumentationBase`, typed loosely. */
type ShimmerWrap = (target: never, name: never, wrapper: never) => unknown;
type ShimmerUnwrap = (target: never, name: never) => unknown;

/**
 * Builds a patcher that warns instead of failing when a method the patch
 * depends on is missing, which is how a change in a library's internals
 * shows up.
 */
export function createPatcher(
  wrap: ShimmerWrap,
  unwrap: ShimmerUnwrap,
  log: DiagLogger,
  library: string,
): MethodPatcher {
  return {
    wrap(target, name, wrapper) {
      const method = (target as Record<string, unknown>)[name];
      if (typeof method !== 'function') {
        const owner = (target as { constructor?: { name?: string } })
          .constructor?.name;
        log.warn(
          `${library}: ${owner ?? 'an exported class'}.${name}() not found, ` +
            'so what it handles is not instrumented',
        );
        return;
      }
      wrap(target as never, name as never, wrapper as never);
    },
    unwrap(target, name) {
      const method = (
        target as Record<string, { __wrapped?: boolean } | undefined>
      )[name];
      if (method?.__wrapped) unwrap(target as never, name as never);
    },
  };
}

/** Reads an exported class from module exports, CommonJS or ES module namespace. */
export function exportedClass(
  exports: unknown,
  name?: string,
): AnyFunction | undefined {
  const record = exports as Record<string, unknown> | undefined;
  const candidate = name
    ? record?.[name]
    : typeof exports === 'function'
      ? exports
      : record?.['default'];
  return typeof candidate === 'function'
    ? (candidate as AnyFunction)
    : undefined;
}
