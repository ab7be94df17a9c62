import { context, propagation, type TextMapPropagator } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import type { PropagatorName } from '../types.js';
import { EmitterBindingContextManager } from './context-manager.js';

/** Registers the AsyncLocalStorage context manager and the propagators. */
export function registerContext(names: readonly PropagatorName[]): void {
  const manager = new EmitterBindingContextManager();
  manager.enable();
  context.setGlobalContextManager(manager);

  const propagators = names.includes('none') ? [] : names.flatMap(createPropagator);
  if (propagators.length > 0) {
    propagation.setGlobalPropagator(new CompositePropagator({ propagators }));
  }
}

function createPropagator(name: PropagatorName): TextMapPropagator[] {
  switch (name) {
    case 'tracecontext':
      return [new W3CTraceContextPropagator()];
    case 'baggage':
      return [new W3CBaggagePropagator()];
    case 'none':
      return [];
  }
}

/** Restores the no-op globals, so that a stopped SDK leaves nothing behind. */
export function unregisterContext(): void {
  context.disable();
  propagation.disable();
}
